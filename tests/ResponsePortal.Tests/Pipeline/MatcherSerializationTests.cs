using Microsoft.Extensions.Logging.Abstractions;
using ResponsePortal.Listings;
using ResponsePortal.Matching;
using ResponsePortal.Pipeline;

namespace ResponsePortal.Tests.Pipeline;

/// <summary>
/// Two matchers whose solves can reach the same listing must run one after the other: otherwise both allocate the same
/// remaining quantity and the store's clamp at commit cuts the later one arbitrarily instead of it allocating what the
/// first left optimally.
/// </summary>
public sealed class MatcherSerializationTests : IAsyncLifetime
{
    private readonly PipelineHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_second_solve_over_the_same_offer_waits_until_the_first_has_stored_its_proposals()
    {
        var offer = PipelineHarness.Offer(10_000);
        var first = PipelineHarness.Request(4_000);
        var second = PipelineHarness.Request(7_000, lat: 53.7);
        foreach (var listing in new[] { offer, first, second })
        {
            await _h.Listings.CreateAsync(listing, null, default);
        }

        var store = new GatedMatchStore(_h.Matches);
        var matcher = new MatchHandler(_h.Listings, store, _h.Catalog, NullLogger<MatchHandler>.Instance);

        var one = Task.Run(() => matcher.HandleAsync(MatchWork.For(first.Id), default));
        await store.FirstProposalArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var two = Task.Run(() => matcher.HandleAsync(MatchWork.For(second.Id), default));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var loadsWhileTheFirstWasStoring = store.CandidateLoads;
        store.ReleaseProposals.SetResult();
        await Task.WhenAll(one, two).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, loadsWhileTheFirstWasStoring);
        Assert.Equal(4_000, (await _h.Matches.ListForListingAsync(first.Id, default)).Sum(m => m.Quantity));
        Assert.Equal(6_000, (await _h.Matches.ListForListingAsync(second.Id, default)).Sum(m => m.Quantity));
    }

    /// <summary>The real store, with the first ProposeAsync held until the test lets it go.</summary>
    private sealed class GatedMatchStore(IMatchStore inner) : IMatchStore
    {
        private int _loads;
        private int _proposals;

        public TaskCompletionSource FirstProposalArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource ReleaseProposals { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int CandidateLoads => Volatile.Read(ref _loads);

        public Task<MatchCandidates> LoadCandidatesAsync(IReadOnlyList<CandidateSearch> searches, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _loads);
            return inner.LoadCandidatesAsync(searches, cancellationToken);
        }

        public async Task<IReadOnlyList<Match>> ProposeAsync(IReadOnlyList<ProposedMatch> proposals, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _proposals) == 1)
            {
                FirstProposalArrived.SetResult();
                await ReleaseProposals.Task;
            }

            return await inner.ProposeAsync(proposals, cancellationToken);
        }

        public Task<int> CloseOpenMatchesAsync(string listingId, string? currentTerms, MatchState state, ClosureReason reason, CancellationToken cancellationToken) =>
            inner.CloseOpenMatchesAsync(listingId, currentTerms, state, reason, cancellationToken);

        public Task<IReadOnlyList<ChangedListingHead>> ReadChangedAsync(IReadOnlyCollection<string> listingIds, CancellationToken cancellationToken) =>
            inner.ReadChangedAsync(listingIds, cancellationToken);

        public Task<bool> AnyOpenListingAsync(ListingSide side, IReadOnlyCollection<string> categories, CancellationToken cancellationToken) =>
            inner.AnyOpenListingAsync(side, categories, cancellationToken);

        public Task<Match?> FindAsync(string id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);

        public Task<IReadOnlyList<Match>> ListForListingAsync(string listingId, CancellationToken cancellationToken) =>
            inner.ListForListingAsync(listingId, cancellationToken);

        public Task<RespondOutcome> RespondAsync(string matchId, MatchParty party, RespondAction action, string linkId, CancellationToken cancellationToken) =>
            inner.RespondAsync(matchId, party, action, linkId, cancellationToken);

        public Task<bool> UseLinkAsync(string linkId, CancellationToken cancellationToken) => inner.UseLinkAsync(linkId, cancellationToken);

        public Task<bool> BeginNotificationAsync(string key, string subjectId, string party, string notifyEvent, string recipient, CancellationToken cancellationToken) =>
            inner.BeginNotificationAsync(key, subjectId, party, notifyEvent, recipient, cancellationToken);

        public Task MarkNotificationSentAsync(string key, CancellationToken cancellationToken) => inner.MarkNotificationSentAsync(key, cancellationToken);
    }
}
