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
public abstract class MatchStoreContract : IAsyncLifetime
{
    /// <summary>A fixed clock inside the test listings' lifetime (they expire 2026-06-30).</summary>
    protected static readonly DateTimeOffset Now = new(2026, 3, 3, 10, 0, 0, TimeSpan.Zero);

    protected static readonly MatchReason Reason = new(12.5, "critical", ["EN 149 FFP2"], false, "33141620", 3.9, []);

    private readonly List<WorkMessage> _workFromMatches = [];
    private IListingStore? _listings;
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
        Assert.Equal(Reason, match.Reason with { CertificationsSatisfied = Reason.CertificationsSatisfied, SkillsMatched = Reason.SkillsMatched });
        Assert.Equal([match.Id], (await Matches.ListForListingAsync(offer.Id, None)).Select(m => m.Id));
        Assert.Equal([match.Id], (await Matches.ListForListingAsync(request.Id, None)).Select(m => m.Id));
        Assert.Equal(match.Quantity, (await Matches.FindAsync(match.Id, None))?.Quantity);
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
    public async Task A_proposal_whose_match_exists_is_skipped()
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

    [Fact]
    public async Task Read_changed_gives_heads_of_existing_listings_and_the_terms_of_their_open_matches()
    {
        var offer = await Listing(TestListings.Offer());
        var request = await Listing(TestListings.Request(category: "24455000"));
        var alone = await Listing(TestListings.Offer(status: ListingStatus.Withdrawn));
        Assert.Single(await Matches.ProposeAsync([Proposal(offer, request, 5)], None));

        var heads = (await Matches.ReadChangedAsync([offer.Id, request.Id, alone.Id, TestListings.NewId()], None)).ToDictionary(h => h.Id);

        Assert.Equal(3, heads.Count);
        Assert.Equal((ListingSide.Offer, ListingStatus.Open, "33141620"), (heads[offer.Id].Side, heads[offer.Id].Status, heads[offer.Id].Category));
        Assert.Equal(new HashSet<string> { MatchIds.TermsOf(offer) }, heads[offer.Id].OpenMatchTerms);
        Assert.Equal((ListingSide.Request, "24455000"), (heads[request.Id].Side, heads[request.Id].Category));
        Assert.Equal(new HashSet<string> { MatchIds.TermsOf(request) }, heads[request.Id].OpenMatchTerms);
        Assert.Equal(ListingStatus.Withdrawn, heads[alone.Id].Status);
        Assert.Null(heads[alone.Id].OpenMatchTerms);
    }

    [Fact]
    public async Task Any_open_listing_looks_at_side_category_status_and_expiry()
    {
        await Listing(TestListings.Offer(category: "33141620"));
        await Listing(TestListings.Offer(category: "24455000", status: ListingStatus.Withdrawn));
        await Listing(TestListings.Offer(category: "18143000") with { ExpiresAt = new DateOnly(2026, 3, 2) });

        Assert.True(await Matches.AnyOpenListingAsync(ListingSide.Offer, ["x", "33141620"], None));
        Assert.False(await Matches.AnyOpenListingAsync(ListingSide.Request, ["33141620"], None));
        Assert.False(await Matches.AnyOpenListingAsync(ListingSide.Offer, ["24455000"], None));
        Assert.False(await Matches.AnyOpenListingAsync(ListingSide.Offer, ["18143000"], None));
        Assert.False(await Matches.AnyOpenListingAsync(ListingSide.Offer, [], None));
    }

    [Fact]
    public async Task Candidates_are_the_partners_within_reach_with_something_left_and_the_declined_pairs()
    {
        var offer = await Listing(TestListings.Offer() with { Quantity = 100, RadiusKm = 250 });
        var near = await Listing(TestListings.Request() with { Quantity = 50, Lat = 53.0 });
        var declining = await Listing(TestListings.Request() with { Quantity = 50, Lat = 53.2 });
        var full = await Listing(TestListings.Request() with { Quantity = 20, Lat = 53.3 });
        await Listing(TestListings.Request() with { Lat = 48.1, Lon = 11.6 }); // Munich: ~600 km, beyond the radius
        await Listing(TestListings.Request(category: "24455000"));
        await Listing(TestListings.Request(status: ListingStatus.Withdrawn));
        var other = await Listing(TestListings.Offer() with { Quantity = 100 });
        var declined = Assert.Single(await Matches.ProposeAsync([Proposal(offer, declining, 10)], None));
        Assert.IsType<RespondOutcome.Done>(await Matches.RespondAsync(declined.Id, MatchParty.Request, RespondAction.Decline, "link-" + declined.Id, None));
        Assert.Single(await Matches.ProposeAsync([Proposal(other, full, 20)], None));

        var candidates = await Matches.LoadCandidatesAsync([new CandidateSearch(offer, ["33141620"])], None);

        Assert.Equal(new[] { offer.Id, near.Id, declining.Id }.Order(StringComparer.Ordinal), candidates.Listings.Select(l => l.Listing.Id));
        Assert.All(candidates.Listings, l => Assert.Equal(l.Listing.Quantity, l.Remaining));
        Assert.Equal([(offer.Id, declining.Id)], candidates.DeclinedPairs);
        // A request reaches the offers whose own radius covers it.
        var fromRequest = await Matches.LoadCandidatesAsync([new CandidateSearch(near, ["33141620"])], None);
        Assert.Equal(new[] { offer.Id, other.Id, near.Id }.Order(StringComparer.Ordinal), fromRequest.Listings.Select(l => l.Listing.Id));
        Assert.Equal(80, fromRequest.Listings.Single(l => l.Listing.Id == other.Id).Remaining);
    }

    [Fact]
    public async Task Both_accepting_makes_the_match_accepted()
    {
        var match = await OneMatchAsync();

        var first = Assert.IsType<RespondOutcome.Done>(await Matches.RespondAsync(match.Id, MatchParty.Offer, RespondAction.Accept, "l1", None));
        var second = Assert.IsType<RespondOutcome.Done>(await Matches.RespondAsync(match.Id, MatchParty.Request, RespondAction.Accept, "l2", None));

        Assert.Equal(MatchState.AcceptedByOffer, first.Match.State);
        Assert.Equal(MatchState.Accepted, second.Match.State);
        Assert.Equal(MatchState.Accepted, (await Matches.FindAsync(match.Id, None))!.State);
        await AssertWork([NotifyWork.For(match.Id, NotifyEvents.Proposed), NotifyWork.For(match.Id, NotifyEvents.Accepted)]);
    }

    [Fact]
    public async Task A_decline_frees_both_quantities_and_matches_both_listings_again()
    {
        var match = await OneMatchAsync();

        var done = Assert.IsType<RespondOutcome.Done>(await Matches.RespondAsync(match.Id, MatchParty.Offer, RespondAction.Decline, "l1", None));

        Assert.Equal((MatchState.Declined, ClosureReason.PrefersAnother), (done.Match.State, done.Match.ClosureReason!.Value));
        var offer = (await _listings!.FindAsync(match.OfferId, None))!;
        var candidates = await Matches.LoadCandidatesAsync([new CandidateSearch(offer, ["33141620"])], None);
        Assert.All(candidates.Listings, l => Assert.Equal(l.Listing.Quantity, l.Remaining));
        Assert.Equal(2, candidates.Listings.Count);
        await AssertWork([
            NotifyWork.For(match.Id, NotifyEvents.Proposed), NotifyWork.For(match.Id, NotifyEvents.Declined),
            MatchWork.For(match.OfferId), MatchWork.For(match.RequestId)]);
    }

    [Fact]
    public async Task A_link_answers_once_a_closed_match_takes_no_answer_and_an_unknown_match_is_not_found()
    {
        var match = await OneMatchAsync();

        Assert.IsType<RespondOutcome.Done>(await Matches.RespondAsync(match.Id, MatchParty.Offer, RespondAction.Accept, "l1", None));
        Assert.IsType<RespondOutcome.AlreadyUsed>(await Matches.RespondAsync(match.Id, MatchParty.Offer, RespondAction.Decline, "l1", None));
        Assert.Equal(1, await Matches.CloseOpenMatchesAsync(match.OfferId, null, MatchState.Withdrawn, ClosureReason.NoSupplyLeft, None));
        var closed = Assert.IsType<RespondOutcome.Closed>(await Matches.RespondAsync(match.Id, MatchParty.Request, RespondAction.Accept, "l2", None));
        Assert.Equal(MatchState.Withdrawn, closed.Match.State);
        Assert.IsType<RespondOutcome.NotFound>(await Matches.RespondAsync("m-nothing", MatchParty.Request, RespondAction.Accept, "l3", None));
        // A link used elsewhere is used here too.
        Assert.True(await Matches.UseLinkAsync("l4", None));
        Assert.IsType<RespondOutcome.AlreadyUsed>(await Matches.RespondAsync(match.Id, MatchParty.Request, RespondAction.Accept, "l4", None));
    }

    [Fact]
    public async Task A_single_use_link_is_used_once()
    {
        Assert.True(await Matches.UseLinkAsync("sig/with?odd#chars", None));
        Assert.False(await Matches.UseLinkAsync("sig/with?odd#chars", None));
        Assert.True(await Matches.UseLinkAsync("another", None));
    }

    [Fact]
    public async Task A_notification_is_sent_exactly_once_per_key()
    {
        Assert.False(await Matches.BeginNotificationAsync("m-1|offer|proposed", "m-1", "offer", NotifyEvents.Proposed, "a@example.org", None));
        // Begun but not sent (the sender died): a retry sends it.
        Assert.False(await Matches.BeginNotificationAsync("m-1|offer|proposed", "m-1", "offer", NotifyEvents.Proposed, "a@example.org", None));
        await Matches.MarkNotificationSentAsync("m-1|offer|proposed", None);
        await Matches.MarkNotificationSentAsync("m-1|offer|proposed", None);

        Assert.True(await Matches.BeginNotificationAsync("m-1|offer|proposed", "m-1", "offer", NotifyEvents.Proposed, "a@example.org", None));
        Assert.False(await Matches.BeginNotificationAsync("m-1|request|proposed", "m-1", "request", NotifyEvents.Proposed, "b@example.org", None));
    }

    protected static ProposedMatch Proposal(Listing offer, Listing request, long quantity) =>
        new(offer.Id, request.Id, MatchIds.TermsOf(offer), MatchIds.TermsOf(request), quantity, Reason);

    private async Task<Match> OneMatchAsync()
    {
        var offer = await Listing(TestListings.Offer() with { Quantity = 100 });
        var request = await Listing(TestListings.Request() with { Quantity = 100 });
        return Assert.Single(await Matches.ProposeAsync([Proposal(offer, request, 70)], None));
    }

    /// <summary>Creates a listing; the work the listing store queues for it (SQLite) is not the match store's and is left out.</summary>
    protected async Task<Listing> Listing(Listing listing)
    {
        _workFromMatches.AddRange(await TakeQueuedWorkAsync());
        Assert.IsType<CreateListingResult.Created>(await _listings!.CreateAsync(listing, null, None));
        await TakeQueuedWorkAsync();
        return listing;
    }

    protected async Task<Listing> Edit(Listing listing, Listing changed)
    {
        _workFromMatches.AddRange(await TakeQueuedWorkAsync());
        var saved = await _listings!.UpdateAsync(changed, listing.Version, None) ?? throw new InvalidOperationException("The edit conflicted.");
        await TakeQueuedWorkAsync();
        return saved;
    }

    /// <summary>The work caused by the match store so far equals <paramref name="expected"/> (as a set: repeats are harmless).</summary>
    protected async Task AssertWork(IEnumerable<WorkMessage> expected)
    {
        _workFromMatches.AddRange(await TakeQueuedWorkAsync());
        var actual = _workFromMatches.Concat(await ChangeFeedWorkAsync()).Distinct().Order(WorkOrder.Instance).ToList();
        Assert.Equal(expected.Distinct().Order(WorkOrder.Instance), actual);
    }

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
