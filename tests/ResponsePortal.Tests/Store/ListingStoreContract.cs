using ResponsePortal.Listings;
using ResponsePortal.Store;

namespace ResponsePortal.Tests.Store;

/// <summary>
/// What every <see cref="IListingStore"/> adapter must do. Subclass it per adapter; xunit makes one instance
/// per test, so every test gets a fresh, empty store from <see cref="CreateStoreAsync"/>.
/// Nothing here may depend on a particular database.
/// </summary>
public abstract class ListingStoreContract : IAsyncLifetime
{
    private IListingStore? _store;

    protected IListingStore Store => _store ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected static CancellationToken None => CancellationToken.None;

    /// <summary>A fresh, empty store that shares nothing with other tests.</summary>
    protected abstract Task<IListingStore> CreateStoreAsync();

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public virtual async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(ListingSide.Offer, ListingType.Goods)]
    [InlineData(ListingSide.Offer, ListingType.Capacity)]
    [InlineData(ListingSide.Offer, ListingType.Personnel)]
    [InlineData(ListingSide.Request, ListingType.Goods)]
    [InlineData(ListingSide.Request, ListingType.Personnel)]
    public async Task Create_then_find_round_trips_every_field(ListingSide side, ListingType type)
    {
        var listing = side == ListingSide.Offer ? TestListings.Offer(type) : TestListings.Request(type);

        var result = await Store.CreateAsync(listing, null, None);
        var found = await Store.FindAsync(listing.Id, None);

        AssertSameListing(listing, Assert.IsType<CreateListingResult.Created>(result).Listing);
        AssertSameListing(listing, found);
    }

    [Fact]
    public async Task Find_of_an_unknown_id_returns_null()
    {
        await Store.CreateAsync(TestListings.Offer(), null, None);

        Assert.Null(await Store.FindAsync(TestListings.NewId(), None));
    }

    [Fact]
    public async Task Query_returns_only_the_asked_side()
    {
        var offer = await Create(TestListings.Offer());
        await Create(TestListings.Request());

        var page = await Store.QueryAsync(new ListingQuery(ListingSide.Offer), None);

        Assert.Equal([offer.Id], Ids(page));
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task Query_filters_by_category_and_type()
    {
        var masks = await Create(TestListings.Offer(category: "33141620"));
        await Create(TestListings.Offer(category: "24455000"));
        await Create(TestListings.Offer(type: ListingType.Capacity, category: "33141620"));

        var page = await Store.QueryAsync(new ListingQuery(ListingSide.Offer, Category: "33141620", Type: ListingType.Goods), None);

        Assert.Equal([masks.Id], Ids(page));
    }

    [Fact]
    public async Task Query_filters_by_status_and_a_null_status_means_any()
    {
        var open = await Create(TestListings.Offer(createdAt: TestListings.Now));
        var withdrawn = await Create(TestListings.Offer(status: ListingStatus.Withdrawn, createdAt: TestListings.Now.AddHours(1)));

        var openOnly = await Store.QueryAsync(new ListingQuery(ListingSide.Offer), None);
        var withdrawnOnly = await Store.QueryAsync(new ListingQuery(ListingSide.Offer, Status: ListingStatus.Withdrawn), None);
        var any = await Store.QueryAsync(new ListingQuery(ListingSide.Offer, Status: null), None);

        Assert.Equal([open.Id], Ids(openOnly));
        Assert.Equal([withdrawn.Id], Ids(withdrawnOnly));
        Assert.Equal([withdrawn.Id, open.Id], Ids(any));
    }

    [Fact]
    public async Task Open_listings_of_both_sides_expiring_by_a_date_are_found_and_no_others()
    {
        var until = new DateOnly(2026, 6, 30);
        var offerDue = await Create(TestListings.Offer() with { ExpiresAt = until });
        var requestPast = await Create(TestListings.Request() with { ExpiresAt = until.AddDays(-40) });
        await Create(TestListings.Offer() with { ExpiresAt = until.AddDays(1) });
        await Create(TestListings.Request(status: ListingStatus.Withdrawn) with { ExpiresAt = until.AddDays(-1) });

        var due = await Store.FindOpenExpiringAsync(until, None);

        Assert.Equal(new[] { offerDue.Id, requestPast.Id }.Order(StringComparer.Ordinal), due.Select(l => l.Id).Order(StringComparer.Ordinal));
        AssertSameListing(offerDue, due.Single(l => l.Id == offerDue.Id));
    }

    [Fact]
    public async Task Query_matches_the_region_by_nuts_prefix()
    {
        var hamburg = await Create(TestListings.Offer(region: "DE600", createdAt: TestListings.Now));
        var bavaria = await Create(TestListings.Offer(region: "DE21", createdAt: TestListings.Now.AddHours(1)));
        await Create(TestListings.Offer(region: "DK011"));
        await Create(TestListings.Offer(region: "FR101"));

        var germany = await Store.QueryAsync(new ListingQuery(ListingSide.Offer, RegionPrefix: "DE"), None);
        var hamburgOnly = await Store.QueryAsync(new ListingQuery(ListingSide.Offer, RegionPrefix: "DE60"), None);
        var exact = await Store.QueryAsync(new ListingQuery(ListingSide.Offer, RegionPrefix: "DE600"), None);

        Assert.Equal([bavaria.Id, hamburg.Id], Ids(germany));
        Assert.Equal([hamburg.Id], Ids(hamburgOnly));
        Assert.Equal([hamburg.Id], Ids(exact));
    }

    [Fact]
    public async Task Query_pages_newest_first_with_the_total()
    {
        var created = new List<Listing>();
        for (var i = 0; i < 7; i++)
        {
            // Stored out of time order, so the store's ordering is what is tested, not insertion order.
            var hours = (i * 3) % 7;
            created.Add(await Create(TestListings.Offer(createdAt: TestListings.Now.AddHours(hours))));
        }

        var newestFirst = created.OrderByDescending(l => l.CreatedAt).Select(l => l.Id).ToList();

        var first = await Store.QueryAsync(new ListingQuery(ListingSide.Offer, PageSize: 3), None);
        var second = await Store.QueryAsync(new ListingQuery(ListingSide.Offer, Page: 2, PageSize: 3), None);
        var third = await Store.QueryAsync(new ListingQuery(ListingSide.Offer, Page: 3, PageSize: 3), None);
        var beyond = await Store.QueryAsync(new ListingQuery(ListingSide.Offer, Page: 4, PageSize: 3), None);

        Assert.Equal(newestFirst[..3], Ids(first));
        Assert.Equal(newestFirst[3..6], Ids(second));
        Assert.Equal(newestFirst[6..], Ids(third));
        Assert.Empty(beyond.Items);
        Assert.All([first, second, third, beyond], page => Assert.Equal(7, page.Total));
        Assert.Equal((2, 3), (second.Page, second.PageSize));
    }

    [Fact]
    public async Task A_repeated_key_with_the_same_request_replays_the_first_listing()
    {
        var claim = new IdempotencyClaim("key-1", "hash-a");
        var first = await Create(TestListings.Offer(), claim);

        var retry = await Store.CreateAsync(TestListings.Offer(), claim, None);

        AssertSameListing(first, Assert.IsType<CreateListingResult.Replayed>(retry).Listing);
        Assert.Equal(1, (await Store.QueryAsync(new ListingQuery(ListingSide.Offer), None)).Total);
    }

    [Fact]
    public async Task A_repeated_key_with_another_request_is_reported_and_stores_nothing()
    {
        await Create(TestListings.Offer(), new IdempotencyClaim("key-1", "hash-a"));
        var other = TestListings.Offer();

        var result = await Store.CreateAsync(other, new IdempotencyClaim("key-1", "hash-b"), None);

        Assert.IsType<CreateListingResult.KeyReused>(result);
        Assert.Null(await Store.FindAsync(other.Id, None));
    }

    [Fact]
    public async Task Keys_are_scoped_per_side()
    {
        var claim = new IdempotencyClaim("key-1", "hash-a");
        await Create(TestListings.Offer(), claim);

        var request = await Store.CreateAsync(TestListings.Request(), claim, None);

        Assert.IsType<CreateListingResult.Created>(request);
    }

    [Fact]
    public async Task Concurrent_creates_with_one_key_store_exactly_one_listing()
    {
        var claim = new IdempotencyClaim("same-key", "same-hash");
        var attempts = Enumerable.Range(0, 20).Select(_ => TestListings.Offer()).ToList();

        var results = await Task.WhenAll(attempts.Select(l => Task.Run(() => Store.CreateAsync(l, claim, None))));

        var created = Assert.Single(results.OfType<CreateListingResult.Created>());
        Assert.All(results.Where(r => r != created),
            r => Assert.Equal(created.Listing.Id, Assert.IsType<CreateListingResult.Replayed>(r).Listing.Id));
        Assert.Equal(1, (await Store.QueryAsync(new ListingQuery(ListingSide.Offer), None)).Total);
    }

    [Fact]
    public async Task Update_with_the_current_version_replaces_and_increments_the_version()
    {
        var stored = await Create(TestListings.Offer());
        var changed = stored with { Quantity = 8_000, Status = ListingStatus.Withdrawn, UpdatedAt = stored.UpdatedAt.AddDays(1) };

        var updated = await Store.UpdateAsync(changed, stored.Version, None);

        var expected = changed with { Version = stored.Version + 1 };
        AssertSameListing(expected, updated);
        AssertSameListing(expected, await Store.FindAsync(stored.Id, None));
        var withdrawn = await Store.QueryAsync(new ListingQuery(ListingSide.Offer, Status: ListingStatus.Withdrawn), None);
        Assert.Equal([stored.Id], Ids(withdrawn));
    }

    [Fact]
    public async Task Update_with_a_stale_version_changes_nothing()
    {
        var stored = await Create(TestListings.Offer());
        var winner = await Store.UpdateAsync(stored with { Quantity = 1 }, stored.Version, None);

        var loser = await Store.UpdateAsync(stored with { Quantity = 2 }, stored.Version, None);

        Assert.Null(loser);
        AssertSameListing(winner, await Store.FindAsync(stored.Id, None));
    }

    [Fact]
    public async Task Update_of_an_unknown_listing_returns_null()
    {
        Assert.Null(await Store.UpdateAsync(TestListings.Offer(), 0, None));
    }

    [Fact]
    public async Task Many_concurrent_creates_are_all_stored()
    {
        var listings = Enumerable.Range(0, 200).Select(_ => TestListings.Offer()).ToList();

        var results = await Task.WhenAll(listings.Select(l => Task.Run(() => Store.CreateAsync(l, null, None))));

        Assert.All(results, r => Assert.IsType<CreateListingResult.Created>(r));
        var page = await Store.QueryAsync(new ListingQuery(ListingSide.Offer, PageSize: 500), None);
        Assert.Equal(200, page.Total);
        Assert.Equal(listings.Select(l => l.Id).Order(), Ids(page).Order());
    }

    [Fact]
    public async Task A_cancelled_caller_does_not_break_later_writes()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var never = TestListings.Offer();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.CreateAsync(never, null, cancelled.Token));

        // Cancel while writes are in flight: each either completed (and is stored) or was cancelled (and is not).
        using var midway = new CancellationTokenSource();
        var racing = Enumerable.Range(0, 50).Select(_ => TestListings.Offer()).ToList();
        var tasks = racing.Select(l => Store.CreateAsync(l, null, midway.Token)).ToList();
        await midway.CancelAsync();
        foreach (var (listing, task) in racing.Zip(tasks))
        {
            try
            {
                await task;
                Assert.NotNull(await Store.FindAsync(listing.Id, None));
            }
            catch (OperationCanceledException)
            {
                Assert.Null(await Store.FindAsync(listing.Id, None));
            }
        }

        var later = await Store.CreateAsync(TestListings.Offer(), null, None);
        Assert.IsType<CreateListingResult.Created>(later);
        Assert.Null(await Store.FindAsync(never.Id, None));
    }

    protected async Task<Listing> Create(Listing listing, IdempotencyClaim? claim = null) =>
        Assert.IsType<CreateListingResult.Created>(await Store.CreateAsync(listing, claim, None)).Listing;

    protected static List<string> Ids(ListingPage page) => page.Items.Select(l => l.Id).ToList();

    /// <summary>Record equality plus element-wise lists (records compare lists by reference).</summary>
    protected static void AssertSameListing(Listing? expected, Listing? actual)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.Certifications, actual.Certifications);
        Assert.Equal(expected.Skills, actual.Skills);
        Assert.Equal(expected.CreatedAt.Offset, actual.CreatedAt.Offset);
        Assert.Equal(expected with { Certifications = [], Skills = [] }, actual with { Certifications = [], Skills = [] });
    }
}
