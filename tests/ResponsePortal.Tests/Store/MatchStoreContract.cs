using Microsoft.Extensions.Logging.Abstractions;
using ResponsePortal.Catalog;
using ResponsePortal.Listings;
using ResponsePortal.Matching;
using ResponsePortal.Pipeline;
using ResponsePortal.Store;

namespace ResponsePortal.Tests.Store;

/// <summary>
/// What every <see cref="IMatchStore"/> adapter must do, through the port only, including the work each change causes
/// (SQLite: rows in its work queue; Cosmos: <c>CosmosMatchFeed.WorkFor</c> over the matches change feed): the same
/// messages for the same scenario. xunit makes one instance per test, and each gets fresh stores.
/// </summary>
public abstract partial class MatchStoreContract : IAsyncLifetime
{
    /// <summary>A fixed clock inside the test listings' lifetime (they expire 2026-06-30).</summary>
    protected static readonly DateTimeOffset Now = new(2026, 3, 3, 10, 0, 0, TimeSpan.Zero);

    protected static readonly MatchReason Reason = new(12.5, "critical", ["EN 149 FFP2"], false, "33141620", 3.9, []);

    private readonly List<WorkMessage> _workFromMatches = [];
    private IListingStore? _listings;

    protected IListingStore Listings => _listings ?? throw new InvalidOperationException("InitializeAsync has not run.");
    private IMatchStore? _matches;

    protected IMatchStore Matches => _matches ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected static CancellationToken None => CancellationToken.None;

    protected static TimeProvider Clock { get; } = new FixedClock(Now);

    /// <summary>Fresh, empty stores over one database that shares nothing with other tests.</summary>
    protected abstract Task<(IListingStore Listings, IMatchStore Matches)> CreateStoresAsync(TimeProvider time);

    /// <summary>Work queued in the store since the last call (SQLite's work queue; nothing for Cosmos, which has none).</summary>
    protected abstract Task<IReadOnlyList<WorkMessage>> TakeQueuedWorkAsync();

    /// <summary>Work the matches' change feed causes, from its beginning (Cosmos; nothing for SQLite).</summary>
    protected abstract Task<IReadOnlyList<WorkMessage>> ChangeFeedWorkAsync();

    public async Task InitializeAsync() => (_listings, _matches) = await CreateStoresAsync(Clock);

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Proposals_are_stored_and_listed_per_listing()
    {
        var offer = await Listing(TestListings.Offer());
        var request = await Listing(TestListings.Request());

        var stored = await Matches.ProposeAsync([Proposal(offer, request, 500)], None);

        var match = Assert.Single(stored);
        Assert.Equal((offer.Id, request.Id, 500L, MatchState.Proposed), (match.OfferId, match.RequestId, match.Quantity, match.State));
        var found = await Matches.FindAsync(match.Id, None);
        Assert.Equal(Reason with { CertificationsSatisfied = [], SkillsMatched = [] }, found!.Reason with { CertificationsSatisfied = [], SkillsMatched = [] });
        Assert.Equal(Reason.CertificationsSatisfied, found.Reason.CertificationsSatisfied);
        Assert.Equal([match.Id], (await Matches.ListForListingAsync(offer.Id, None)).Select(m => m.Id));
        Assert.Equal([match.Id], (await Matches.ListForListingAsync(request.Id, None)).Select(m => m.Id));
        Assert.Equal((match.Quantity, match.OfferTerms, match.RequestTerms), (found.Quantity, found.OfferTerms, found.RequestTerms));
        Assert.Null(await Matches.FindAsync("m-unknown", None));
        await AssertWork([NotifyWork.For(match.Id, NotifyEvents.Proposed)]);
    }

    [Fact]
    public async Task Quantity_is_clamped_to_what_remains_on_both_sides_and_the_side_left_over_is_matched_again()
    {
        var offer = await Listing(TestListings.Offer() with { Quantity = 100 });
        var first = await Listing(TestListings.Request() with { Quantity = 60 });
        var second = await Listing(TestListings.Request() with { Quantity = 80 });

        var a = Assert.Single(await Matches.ProposeAsync([Proposal(offer, first, 90)], None));
        var b = Assert.Single(await Matches.ProposeAsync([Proposal(offer, second, 80)], None));

        Assert.Equal(60, a.Quantity); // the request needed only 60
        Assert.Equal(40, b.Quantity); // the offer had only 40 left
        // a: cut by the request (the offer keeps 40); b: cut by the offer (the request still needs 40).
        await AssertWork([
            NotifyWork.For(a.Id, NotifyEvents.Proposed), NotifyWork.For(b.Id, NotifyEvents.Proposed),
            MatchWork.For(offer.Id), MatchWork.For(second.Id)]);
    }

    [Fact]
    public async Task A_proposal_with_nothing_left_stores_nothing_but_matches_the_side_that_has_something_again()
    {
        var offer = await Listing(TestListings.Offer() with { Quantity = 50 });
        var first = await Listing(TestListings.Request() with { Quantity = 50 });
        var second = await Listing(TestListings.Request() with { Quantity = 30 });
        var taken = Assert.Single(await Matches.ProposeAsync([Proposal(offer, first, 50)], None));

        Assert.Empty(await Matches.ProposeAsync([Proposal(offer, second, 30)], None));

        Assert.Empty(await Matches.ListForListingAsync(second.Id, None));
        await AssertWork([NotifyWork.For(taken.Id, NotifyEvents.Proposed), MatchWork.For(second.Id)]);
    }

    [Fact]
    public async Task A_repeated_proposal_with_nothing_left_stores_nothing()
    {
        var offer = await Listing(TestListings.Offer() with { Quantity = 100 });
        var request = await Listing(TestListings.Request() with { Quantity = 100 });
        var proposal = Proposal(offer, request, 100);
        var stored = Assert.Single(await Matches.ProposeAsync([proposal], None));

        // A redelivered batch: the same proposals again.
        Assert.Empty(await Matches.ProposeAsync([proposal, proposal], None));

        Assert.Equal(proposal.Id, stored.Id);
        Assert.Equal([stored.Id], (await Matches.ListForListingAsync(offer.Id, None)).Select(m => m.Id));
    }

    [Theory]
    [InlineData("edited")]
    [InlineData("withdrawn")]
    [InlineData("expired")]
    public async Task Proposals_on_stale_terms_are_refused(string change)
    {
        var offer = await Listing(TestListings.Offer());
        var request = await Listing(TestListings.Request());
        var proposal = Proposal(offer, request, 10);
        await Edit(request, change switch
        {
            "edited" => request with { Quantity = 7 },
            "withdrawn" => request with { Status = ListingStatus.Withdrawn },
            _ => request with { Status = ListingStatus.Expired },
        });

        Assert.Empty(await Matches.ProposeAsync([proposal], None));
        Assert.Empty(await Matches.ListForListingAsync(offer.Id, None));
        await AssertWork([]);
    }

    [Fact]
    public async Task Eight_matchers_proposing_against_one_request_at_once_never_over_allocate()
    {
        var request = await Listing(TestListings.Request() with { Quantity = 500 });
        var offers = new List<Listing>();
        for (var i = 0; i < 8; i++)
        {
            offers.Add(await Listing(TestListings.Offer() with { Quantity = 100 }));
        }

        var stored = await Task.WhenAll(offers.Select(offer => Task.Run(() => Matches.ProposeAsync([Proposal(offer, request, 100)], None))));

        var held = (await Matches.ListForListingAsync(request.Id, None)).Sum(m => m.Quantity);
        Assert.Equal(500, held);
        Assert.Equal(500, stored.SelectMany(s => s).Sum(m => m.Quantity));
        var candidates = await Matches.LoadCandidatesAsync([new CandidateSearch(offers[0], ["33141620"])], None);
        Assert.DoesNotContain(candidates.Listings, l => l.Listing.Id == request.Id);
    }

    [Fact]
    public async Task Eight_matchers_proposing_the_same_pair_at_once_never_over_allocate_and_leave_nothing_held_in_between()
    {
        var offer = await Listing(TestListings.Offer() with { Quantity = 1000 });
        var request = await Listing(TestListings.Request() with { Quantity = 300 });
        var proposal = Proposal(offer, request, 100);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Matches.ProposeAsync([proposal], None))));

        var held = (await Matches.ListForListingAsync(request.Id, None)).Sum(m => m.Quantity);
        Assert.InRange(held, 100, 300);
        // What the store reports as remaining is exactly what the stored matches leave: no hold without its match.
        var candidates = await Matches.LoadCandidatesAsync([new CandidateSearch(offer, ["33141620"])], None);
        Assert.Equal(1000 - held, candidates.Listings.Single(l => l.Listing.Id == offer.Id).Remaining);
        Assert.Equal(300 - held, candidates.Listings.SingleOrDefault(l => l.Listing.Id == request.Id)?.Remaining ?? 0);
    }

    [Fact]
    public async Task The_matcher_allocates_through_the_store_once_however_often_its_work_is_handled()
    {
        var offer = await Listing(Tests.Pipeline.PipelineHarness.Offer(1000));
        var request = await Listing(Tests.Pipeline.PipelineHarness.Request(400));
        var matcher = new MatchHandler(Listings, Matches, PortalCatalog.Load(), NullLogger<MatchHandler>.Instance);

        await matcher.HandleAsync(MatchWork.For(request.Id), None);
        await matcher.HandleBatchAsync([MatchWork.For(request.Id), MatchWork.For(offer.Id)], None);

        var match = Assert.Single(await Matches.ListForListingAsync(offer.Id, None));
        Assert.Equal((request.Id, 400L), (match.RequestId, match.Quantity));
        await AssertWork([NotifyWork.For(match.Id, NotifyEvents.Proposed)]);
    }

    [Fact]
    public async Task Closing_all_open_matches_records_state_and_reason_and_frees_the_quantity()
    {
        var offer = await Listing(TestListings.Offer() with { Quantity = 100 });
        var first = await Listing(TestListings.Request() with { Quantity = 60 });
        var second = await Listing(TestListings.Request() with { Quantity = 40 });
        var a = Assert.Single(await Matches.ProposeAsync([Proposal(offer, first, 60)], None));
        var b = Assert.Single(await Matches.ProposeAsync([Proposal(offer, second, 40)], None));

        Assert.Equal(2, await Matches.CloseOpenMatchesAsync(offer.Id, null, MatchState.Expired, ClosureReason.NoReply, None));
        Assert.Equal(0, await Matches.CloseOpenMatchesAsync(offer.Id, null, MatchState.Expired, ClosureReason.NoReply, None));

        Assert.All(await Matches.ListForListingAsync(offer.Id, None), m => Assert.Equal((MatchState.Expired, ClosureReason.NoReply), (m.State, m.ClosureReason!.Value)));
        // The quantities are free again: the same pairs take them in their next round.
        var again = await Matches.ProposeAsync([Proposal(offer, first, 60), Proposal(offer, second, 40)], None);
        Assert.Equal([60L, 40L], again.Select(m => m.Quantity));
        Assert.Equal([a.Id + "-2", b.Id + "-2"], again.Select(m => m.Id));
        await AssertWork([
            NotifyWork.For(a.Id, NotifyEvents.Proposed), NotifyWork.For(b.Id, NotifyEvents.Proposed),
            NotifyWork.For(a.Id, NotifyEvents.Expired), NotifyWork.For(b.Id, NotifyEvents.Expired),
            MatchWork.For(first.Id), MatchWork.For(second.Id),
            NotifyWork.For(again[0].Id, NotifyEvents.Proposed), NotifyWork.For(again[1].Id, NotifyEvents.Proposed)]);
    }

    [Fact]
    public async Task Closing_only_matches_on_other_terms_leaves_those_on_the_current_terms()
    {
        var offer = await Listing(TestListings.Offer() with { Quantity = 100 });
        var first = await Listing(TestListings.Request() with { Quantity = 30 });
        var second = await Listing(TestListings.Request() with { Quantity = 30 });
        var old = Assert.Single(await Matches.ProposeAsync([Proposal(offer, first, 30)], None));
        var edited = await Edit(offer, offer with { Quantity = 90 });
        var current = Assert.Single(await Matches.ProposeAsync([Proposal(edited, second, 30)], None));

        var heads = await Matches.ReadChangedAsync([offer.Id], None);
        Assert.Equal(new HashSet<string> { old.OfferTerms, current.OfferTerms }, Assert.Single(heads).OpenMatchTerms);
        Assert.Equal(1, await Matches.CloseOpenMatchesAsync(offer.Id, MatchIds.TermsOf(edited), MatchState.Withdrawn, ClosureReason.NoSupplyLeft, None));

        Assert.Equal((MatchState.Withdrawn, ClosureReason.NoSupplyLeft), ((await Matches.FindAsync(old.Id, None))!.State, (await Matches.FindAsync(old.Id, None))!.ClosureReason!.Value));
        Assert.Equal(MatchState.Proposed, (await Matches.FindAsync(current.Id, None))!.State);
        Assert.Equal(new HashSet<string> { current.OfferTerms }, Assert.Single(await Matches.ReadChangedAsync([offer.Id], None)).OpenMatchTerms);
        await AssertWork([
            NotifyWork.For(old.Id, NotifyEvents.Proposed), NotifyWork.For(current.Id, NotifyEvents.Proposed),
            NotifyWork.For(old.Id, NotifyEvents.Withdrawn), MatchWork.For(first.Id)]);
    }

    protected static ProposedMatch Proposal(Listing offer, Listing request, long quantity) =>
        new(offer.Id, request.Id, MatchIds.TermsOf(offer), MatchIds.TermsOf(request), quantity, Reason);

    protected async Task<Match> OneMatchAsync()
    {
        var offer = await Listing(TestListings.Offer() with { Quantity = 100 });
        var request = await Listing(TestListings.Request() with { Quantity = 100 });
        return Assert.Single(await Matches.ProposeAsync([Proposal(offer, request, 70)], None));
    }

    /// <summary>Creates a listing; the work the listing store queues for it (SQLite) is not the match store's and is left out.</summary>
    protected async Task<Listing> Listing(Listing listing)
    {
        _workFromMatches.AddRange(await TakeQueuedWorkAsync());
        Assert.IsType<CreateListingResult.Created>(await Listings.CreateAsync(listing, null, None));
        await TakeQueuedWorkAsync();
        return listing;
    }

    protected async Task<Listing> Edit(Listing listing, Listing changed)
    {
        _workFromMatches.AddRange(await TakeQueuedWorkAsync());
        var saved = await Listings.UpdateAsync(changed, listing.Version, None) ?? throw new InvalidOperationException("The edit conflicted.");
        await TakeQueuedWorkAsync();
        return saved;
    }

    /// <summary>
    /// The work caused by the match store so far equals <paramref name="expected"/> (as a set: repeats are harmless; match
    /// work for several listings in one message, as the embedded store coalesces it per commit, counts once per listing).
    /// </summary>
    protected async Task AssertWork(IEnumerable<WorkMessage> expected)
    {
        _workFromMatches.AddRange(await TakeQueuedWorkAsync());
        var actual = PerListing(_workFromMatches.Concat(await ChangeFeedWorkAsync())).Distinct().Order(WorkOrder.Instance).ToList();
        Assert.Equal(PerListing(expected).Distinct().Order(WorkOrder.Instance), actual);
    }

    private static IEnumerable<WorkMessage> PerListing(IEnumerable<WorkMessage> work) =>
        work.SelectMany(message => message.Queue == Queues.Match
            ? MatchWork.Parse(message.Body).Ids.Select(MatchWork.For)
            : [message]);

    private sealed class WorkOrder : IComparer<WorkMessage>
    {
        public static readonly WorkOrder Instance = new();

        public int Compare(WorkMessage? x, WorkMessage? y) =>
            StringComparer.Ordinal.Compare(x?.Queue + "|" + x?.Body, y?.Queue + "|" + y?.Body);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
