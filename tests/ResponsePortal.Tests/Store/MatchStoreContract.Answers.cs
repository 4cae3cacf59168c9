using ResponsePortal.Matching;
using ResponsePortal.Pipeline;

namespace ResponsePortal.Tests.Store;

/// <summary>The contract, continued: the parties' answers, single-use links and exactly-once notifications.</summary>
public abstract partial class MatchStoreContract
{
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
        var offer = (await Listings.FindAsync(match.OfferId, None))!;
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
}
