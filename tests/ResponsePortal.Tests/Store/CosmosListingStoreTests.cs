using System.Net;
using Microsoft.Azure.Cosmos;
using ResponsePortal.Listings;
using ResponsePortal.Store;
using ResponsePortal.Store.Cosmos;
using ResponsePortal.Tests.Emulators;

namespace ResponsePortal.Tests.Store;

/// <summary>The store contract against the Cosmos DB gateway protocol (npm emulator), plus what the adapter relies on.</summary>
[Collection(CosmosEmulatorGroup.Name)]
public sealed class CosmosListingStoreTests(CosmosEmulator emulator) : ListingStoreContract
{
    private Database? _database;

    private Database Database => _database ?? throw new InvalidOperationException("No database yet.");

    protected override async Task<IListingStore> CreateStoreAsync()
    {
        _database = await emulator.NewDatabaseAsync();
        return CosmosListingStore.ForDatabase(_database);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DeleteAsync();
        }
    }

    [Fact]
    public async Task Creating_an_existing_id_fails_that_create_only()
    {
        var stored = await Create(TestListings.Offer());

        var error = await Assert.ThrowsAsync<CosmosException>(() => Store.CreateAsync(TestListings.Offer(id: stored.Id, title: "other"), null, None));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        AssertSameListing(stored, await Store.FindAsync(stored.Id, None));
    }

    [Fact]
    public async Task A_replay_finishes_a_create_that_died_after_its_claim()
    {
        // The first attempt wrote its claim and crashed before the listing: the retry must not lose the listing.
        var listing = TestListings.Offer();
        var claim = new IdempotencyDocument(CosmosDocuments.ClaimId(ListingSide.Offer, "k/?#"), ListingSide.Offer, "k/?#", "h", listing);
        using (var content = CosmosDocuments.ClaimDocument(claim))
        {
            using var response = await Database.GetContainer(CosmosContainers.Idempotency).CreateItemStreamAsync(content, new PartitionKey(claim.Id));
            response.EnsureSuccessStatusCode();
        }

        var retry = await Store.CreateAsync(TestListings.Offer(), new IdempotencyClaim("k/?#", "h"), None);

        AssertSameListing(listing, Assert.IsType<CreateListingResult.Replayed>(retry).Listing);
        AssertSameListing(listing, await Store.FindAsync(listing.Id, None));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a?b")]
    [InlineData("a#b")]
    [InlineData("")]
    public async Task Ids_cosmos_cannot_hold_are_simply_not_found(string id)
    {
        Assert.Null(await Store.FindAsync(id, None));
    }

    [Fact]
    public async Task The_document_has_the_listing_fields_the_sort_key_and_the_side_as_partition_key()
    {
        var listing = TestListings.Offer(ListingType.Personnel);
        await Create(listing);

        using var response = await Database.GetContainer(CosmosContainers.Listings).ReadItemStreamAsync(listing.Id, new PartitionKey("Offer"));
        using var reader = new StreamReader(response.Content);
        var body = await reader.ReadToEndAsync();

        Assert.Contains("\"side\":\"Offer\"", body, StringComparison.Ordinal);
        Assert.Contains("\"staffLoanModel\":\"SuspendedContract\"", body, StringComparison.Ordinal);
        Assert.Contains($"\"sortKey\":\"2026-03-02T08:30:15.0000000Z|{listing.Id}\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_emulator_refuses_an_update_with_a_stale_etag()
    {
        // What the adapter's optimistic concurrency rests on: If-Match with an old ETag gives 412.
        var stored = await Create(TestListings.Offer());
        var container = Database.GetContainer(CosmosContainers.Listings);
        using var read = await container.ReadItemStreamAsync(stored.Id, new PartitionKey("Offer"));
        var etag = read.Headers.ETag;
        Assert.NotNull(await Store.UpdateAsync(stored with { Quantity = 1 }, stored.Version, None));

        using var content = CosmosDocuments.ListingDocument(stored with { Quantity = 2 });
        using var stale = await container.ReplaceItemStreamAsync(content, stored.Id, new PartitionKey("Offer"), new ItemRequestOptions { IfMatchEtag = etag });

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
    }
}
