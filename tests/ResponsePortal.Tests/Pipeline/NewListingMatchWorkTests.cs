using ResponsePortal.Listings;
using ResponsePortal.Matching;
using ResponsePortal.Pipeline;
using ResponsePortal.Tests.Store;

namespace ResponsePortal.Tests.Pipeline;

/// <summary>
/// The embedded outbox queues match work for a new listing only when the other side has an open listing it could match,
/// decided in the listing's own commit. These tests pin the rule and that no pair that could match is ever left unmatched.
/// </summary>
public sealed class NewListingMatchWorkTests : IAsyncLifetime
{
    private const string Ffp2 = "ppe-mask-ffp2";
    private const string Ffp3 = "ppe-mask-ffp3"; // may serve an FFP2 request, not the other way round
    private const string Disinfectant = "disinfectant-hand";

    private readonly PipelineHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_new_listing_with_an_open_partner_and_its_match_work_commit_together_and_wake_the_matchers()
    {
        await _h.Listings.CreateAsync(Request(Ffp2), null, default);
        var signalled = _h.Database.WorkSignal.CurrentFor(Queues.Match);

        var offer = Offer(Ffp2);
        await _h.Listings.CreateAsync(offer, null, default);

        Assert.True(signalled.IsCompleted);
        Assert.Equal([offer.Id], await QueuedMatchWorkAsync());
    }

    [Fact]
    public async Task A_new_listing_nobody_could_match_queues_no_work_and_wakes_no_matcher()
    {
        await _h.Listings.CreateAsync(Request(Disinfectant), null, default); // open, but another category
        await _h.Listings.CreateAsync(Request(Ffp2) with { Status = ListingStatus.Withdrawn }, null, default); // closed
        await _h.Listings.CreateAsync(Offer(Ffp2), null, default); // the same side
        var signalled = _h.Database.WorkSignal.CurrentFor(Queues.Match);

        await _h.Listings.CreateAsync(Offer(Ffp2), null, default);

        Assert.False(signalled.IsCompleted);
        Assert.Empty(await QueuedMatchWorkAsync());
    }

    [Fact]
    public async Task A_substitute_is_a_partner_only_in_the_direction_the_catalogue_allows()
    {
        await _h.Listings.CreateAsync(Request(Ffp2), null, default);
        await _h.Listings.CreateAsync(Offer(Ffp2), null, default);
        await QueuedMatchWorkAsync();

        var ffp3Offer = Offer(Ffp3); // serves the open FFP2 request
        var ffp3Request = Request(Ffp3); // the open FFP2 offer cannot serve it, and no FFP3 offer is open yet...
        await _h.Listings.CreateAsync(ffp3Offer, null, default);
        Assert.Equal([ffp3Offer.Id], await QueuedMatchWorkAsync());
        await _h.Listings.CreateAsync(ffp3Request, null, default);

        Assert.Equal([ffp3Request.Id], await QueuedMatchWorkAsync()); // ...but now one is
    }

    [Fact]
    public async Task Listings_that_could_match_each_other_in_one_commit_both_queue_match_work()
    {
        using var gate = await HeldWriter.HoldAsync(_h.Database.ExecuteInWriteTransactionAsync);
        var offer = Offer(Ffp3);
        var request = Request(Ffp2);
        var creates = new[] { _h.Listings.CreateAsync(offer, null, default), _h.Listings.CreateAsync(request, null, default) };
        await gate.ReleaseAsync();
        await Task.WhenAll(creates);

        Assert.Equal([offer.Id, request.Id], (await QueuedMatchWorkAsync()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Every_pair_that_could_match_is_matched_whatever_the_order_and_grouping_of_the_posts(int seed)
    {
        var random = new Random(seed);
        string[] categories = [Ffp2, Ffp3];
        var listings = Enumerable.Range(0, Size).Select(_ =>
        {
            var category = categories[random.Next(categories.Length)];
            var quantity = random.Next(10, 200);
            return random.Next(2) == 0 ? Offer(category) with { Quantity = quantity } : Request(category) with { Quantity = quantity };
        }).ToList();

        // Posted in groups of one to three at once, so some share a commit and some follow their partners.
        for (var next = 0; next < listings.Count;)
        {
            var group = listings.Skip(next).Take(random.Next(1, 4)).ToList();
            await Task.WhenAll(group.Select(l => _h.Listings.CreateAsync(l, null, default)));
            next += group.Count;
        }

        await MatchUntilNoWorkIsLeftAsync();

        var remaining = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var listing in listings)
        {
            var held = (await _h.Matches.ListForListingAsync(listing.Id, default)).Where(m => Match.Holding.Contains(m.State)).Sum(m => m.Quantity);
            remaining[listing.Id] = listing.Quantity - held;
        }

        foreach (var offer in listings.Where(l => l.Side == ListingSide.Offer && remaining[l.Id] > 0))
        {
            foreach (var request in listings.Where(l => l.Side == ListingSide.Request && remaining[l.Id] > 0))
            {
                Assert.False(_h.Catalog.CanServe(offer.Category, request.Category),
                    $"{offer.Category} offer {offer.Id} ({remaining[offer.Id]} left) could serve {request.Category} request {request.Id} ({remaining[request.Id]} left)");
            }
        }
    }

    /// <summary>
    /// Small scenarios of the two categories of a substitute pair, many of them: in large ones a miss is soon healed by a later
    /// post whose solve reaches both listings, so it would not show.
    /// </summary>
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 16)];

    private const int Size = 6;

    /// <summary>The listing ids of the queued match work (leased and completed, so the next call sees only newer work).</summary>
    private async Task<IReadOnlyList<string>> QueuedMatchWorkAsync()
    {
        var work = await _h.Queue.LeaseAsync(Queues.Match, 100, TimeSpan.FromMinutes(1), default);
        await _h.Queue.CompleteAsync(work, [], default);
        return [.. work.SelectMany(w => MatchWork.Parse(w.Message.Body).Ids)];
    }

    /// <summary>What the embedded runner does, without its timing: lease, match, complete, until the queue is empty.</summary>
    private async Task MatchUntilNoWorkIsLeftAsync()
    {
        while (await _h.Queue.LeaseAsync(Queues.Match, 100, TimeSpan.FromMinutes(1), default) is { Count: > 0 } work)
        {
            var outputs = await _h.Matcher.HandleBatchAsync([.. work.Select(w => w.Message)], default);
            await _h.Queue.CompleteAsync(work, outputs, default);
        }
    }

    // Everyone in Hamburg, with no certificate asked for: only the categories decide who can match.
    private static Listing Offer(string category) => PipelineHarness.Offer(100) with { Category = category, Certifications = [] };

    private static Listing Request(string category) => PipelineHarness.Request(100) with { Category = category, Certifications = [] };
}
