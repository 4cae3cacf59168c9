using ResponsePortal.Allocation;
using ResponsePortal.Catalog;
using ResponsePortal.Listings;
using ResponsePortal.Pipeline;
using ResponsePortal.Store;
using EngineUrgency = ResponsePortal.Allocation.Urgency;

namespace ResponsePortal.Matching;

/// <summary>
/// The match step: for changed listings, withdraws proposals the change invalidated, then runs the allocation engine over
/// the changed listings and the open listings they can reach (their partner categories, within an offer's radius), with
/// remaining quantities, and stores the new proposals. The store re-checks capacity at commit and queues the notify work
/// with each match, so this handler has no outputs of its own.
/// </summary>
/// <remarks>
/// Why the neighbourhood suffices: after a solve, no feasible, undeclined pair of open listings has remaining quantity on
/// both sides (allocating more to it would raise the objective). Proposals are not re-routed once made, and every event
/// that frees quantity (a decline, a withdrawal, an expiry, an edit) queues match work for the listings it frees. So a
/// pair that can still take quantity always involves a changed listing, and the changed listings with everything they can
/// reach is exactly the part of the market whose optimum can differ. The cost is bounded by that neighbourhood, not by
/// the number of open listings.
/// </remarks>
public sealed partial class MatchHandler(IListingStore listings, IMatchStore matches, PortalCatalog catalog, ILogger<MatchHandler> logger) : IBatchWorkHandler
{
    public string Queue => Queues.Match;

    public int MaxBatchSize => 64;

    public Task<IReadOnlyList<WorkMessage>> HandleAsync(WorkMessage message, CancellationToken cancellationToken) =>
        HandleBatchAsync([message], cancellationToken);

    public async Task<IReadOnlyList<WorkMessage>> HandleBatchAsync(IReadOnlyList<WorkMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var ids = messages.SelectMany(m => MatchWork.Parse(m.Body).Ids).Distinct(StringComparer.Ordinal).ToList();
        try
        {
            return await MatchAsync(ids, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (ids.Count > 1 && (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            // One listing that cannot be matched (a body that does not parse, say) must not hold back the others of its
            // batch: a commit's listings share one work item, so they would fail, retry and dead-letter together. Match
            // each alone; the work still fails (and is retried, then dead-lettered) if any of them does, naming which.
            Log.BatchFailed(logger, exception, ids.Count);
            var failed = new List<string>();
            Exception? first = null;
            foreach (var id in ids)
            {
                try
                {
                    await MatchAsync([id], cancellationToken).ConfigureAwait(false);
                }
                catch (Exception alone) when (alone is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failed.Add(id);
                    first ??= alone;
                }
            }

            return failed.Count == 0
                ? []
                : throw new InvalidOperationException($"Matching failed for {string.Join(", ", failed)}: {first!.Message}", first);
        }
    }

    private async Task<IReadOnlyList<WorkMessage>> MatchAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var searches = new List<CandidateSearch>();
        // One read for the whole batch (columns and open matches' terms) instead of a read and a write transaction per
        // listing. Only listings with matches to check or with possible partners are read in full: under a stream of
        // offers nobody has asked for yet, that is none of them.
        var heads = await matches.ReadChangedAsync(ids, cancellationToken).ConfigureAwait(false);
        var openTerms = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        // Keyed by the catalogue's partner sets, one instance per category, so listings of one category share one look.
        var partnersPresent = new Dictionary<MatchPartners, bool>();
        var needed = new List<string>();
        foreach (var head in heads)
        {
            if (head.OpenMatchTerms is { } held)
            {
                openTerms[head.Id] = held;
                needed.Add(head.Id);
                continue;
            }

            if (head.Status != ListingStatus.Open)
            {
                continue;
            }

            var partners = MatchPartners.Of(head.Side, head.Category, catalog);
            if (!partnersPresent.TryGetValue(partners, out var present))
            {
                present = await matches.AnyOpenListingAsync(partners.Side, partners.Categories, cancellationToken).ConfigureAwait(false);
                partnersPresent[partners] = present;
            }

            if (present)
            {
                needed.Add(head.Id);
            }
        }

        var changed = await listings.FindManyAsync(needed, cancellationToken).ConfigureAwait(false);
        foreach (var listing in changed.OrderBy(l => l.Id, StringComparer.Ordinal))
        {
            openTerms.TryGetValue(listing.Id, out var terms);
            if (listing.Status != ListingStatus.Open)
            {
                if (terms is not null)
                {
                    var expired = listing.Status == ListingStatus.Expired;
                    await matches.CloseOpenMatchesAsync(listing.Id, currentTerms: null,
                        expired ? MatchState.Expired : MatchState.Withdrawn,
                        expired ? ClosureReason.NoReply : ClosureReason.NoSupplyLeft, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            // An edit that changed what matching depends on voids the proposals made on the old terms.
            var currentTerms = MatchIds.TermsOf(listing);
            if (terms is not null && terms.Any(t => !string.Equals(t, currentTerms, StringComparison.Ordinal)))
            {
                await matches.CloseOpenMatchesAsync(listing.Id, currentTerms, MatchState.Withdrawn, ClosureReason.NoSupplyLeft, cancellationToken)
                    .ConfigureAwait(false);
            }

            searches.Add(new CandidateSearch(listing, MatchPartners.Of(listing.Side, listing.Category, catalog).Categories));
        }

        if (searches.Count == 0)
        {
            return [];
        }

        // Two solves that can reach the same listing must not overlap: each would allocate the listing's remaining
        // quantity on its own, and the store's clamp at commit would cut the later one arbitrarily, where run one after
        // the other the later solve allocates what the first left optimally. Every listing a search can reach is in one
        // of its partner categories, so locking those categories serializes exactly the solves that could collide;
        // solves over other categories still run in parallel. (Within one process: on Azure, instances still race and
        // the clamp keeps them safe, see docs/pipeline.md.)
        var categories = searches.SelectMany(s => s.PartnerCategories.Append(s.Around.Category)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var gates = new List<SemaphoreSlim>(categories.Count);
        try
        {
            foreach (var category in categories)
            {
                var gate = _categoryGates.GetOrAdd(category, _ => new SemaphoreSlim(1, 1));
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                gates.Add(gate);
            }

            var candidates = await matches.LoadCandidatesAsync(searches, cancellationToken).ConfigureAwait(false);
            var proposals = Allocate(candidates, catalog.SubstitutesByRequestCategory);
            if (proposals.Count > 0)
            {
                var stored = await matches.ProposeAsync(proposals, cancellationToken).ConfigureAwait(false);
                Log.Proposed(logger, stored.Count, proposals.Count, candidates.Listings.Count);
            }
        }
        finally
        {
            foreach (var gate in gates)
            {
                gate.Release();
            }
        }

        return [];
    }

    /// <summary>One gate per category (the catalogue is small and fixed, so they are never removed); taken in ordinal order, so never deadlocked.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _categoryGates = new(StringComparer.Ordinal);

    /// <summary>
    /// The allocation over remaining quantities. Declined pairs are excluded through the certification rule (the engine has
    /// no pair blacklist): a request with declined offers requires a marker that every other offer is given.
    /// </summary>
    public static IReadOnlyList<ProposedMatch> Allocate(MatchCandidates candidates, IReadOnlyDictionary<string, IReadOnlyList<string>> substitutes)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var offers = candidates.Listings.Where(l => l.Listing.Side == ListingSide.Offer).ToList();
        var requests = candidates.Listings.Where(l => l.Listing.Side == ListingSide.Request).ToList();
        if (offers.Count == 0 || requests.Count == 0)
        {
            return [];
        }

        var declinedBy = candidates.DeclinedPairs.GroupBy(p => p.RequestId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.OfferId).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var relevantDeclines = requests.Where(r => declinedBy.ContainsKey(r.Listing.Id)).Select(r => r.Listing.Id).ToList();

        var engineOffers = offers.Select(o => ToOffer(o, relevantDeclines.Where(r => !declinedBy[r].Contains(o.Listing.Id)).Select(Marker))).ToList();
        var engineRequests = requests.Select(r => ToRequest(r, declinedBy.ContainsKey(r.Listing.Id) ? Marker(r.Listing.Id) : null)).ToList();
        var result = AllocationEngine.Allocate(new Scenario(engineOffers, engineRequests, substitutes));

        var byId = candidates.Listings.ToDictionary(l => l.Listing.Id, l => l.Listing, StringComparer.Ordinal);
        return result.Allocations.Select(a => new ProposedMatch(
            a.OfferId, a.RequestId, MatchIds.TermsOf(byId[a.OfferId]), MatchIds.TermsOf(byId[a.RequestId]), a.Quantity,
            new MatchReason(
                Math.Round(a.Explanation.DistanceKm, 1),
                a.Explanation.Urgency.ToString().ToLowerInvariant(),
                a.Explanation.CertificationsSatisfied.Where(c => !c.StartsWith(MarkerPrefix, StringComparison.Ordinal)).ToArray(),
                a.Explanation.SubstituteUsed,
                a.Explanation.OfferCategory,
                a.Explanation.ValuePerUnit,
                a.Explanation.SkillsMatched))).ToList();
    }

    private const string MarkerPrefix = "rp-not-declined:";

    private static string Marker(string requestId) => MarkerPrefix + requestId;

    private static Offer ToOffer(OpenListing open, IEnumerable<string> extraCertifications)
    {
        var l = open.Listing;
        return new Offer(l.Id, l.Category, open.Remaining, l.Lat, l.Lon, l.RadiusKm ?? 0, l.AvailableFrom ?? DateOnly.MinValue,
            [.. l.Certifications, .. extraCertifications])
        {
            Skills = l.Skills,
            PeriodFrom = l.Period?.From,
            PeriodUntil = l.Period?.Until,
        };
    }

    private static Request ToRequest(OpenListing open, string? marker)
    {
        var l = open.Listing;
        var urgency = l.Urgency switch
        {
            Listings.Urgency.Critical => EngineUrgency.Critical,
            Listings.Urgency.High => EngineUrgency.High,
            _ => EngineUrgency.Normal,
        };
        IReadOnlyList<string> required = marker is null ? l.Certifications : [.. l.Certifications, marker];
        return new Request(l.Id, l.Category, open.Remaining, l.Lat, l.Lon, l.NeededBy ?? DateOnly.MaxValue, urgency, required)
        {
            Skills = l.Skills,
            PeriodFrom = l.Period?.From,
            PeriodUntil = l.Period?.Until,
        };
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Matching a batch of {Count} listings failed; matching each alone")]
        public static partial void BatchFailed(ILogger logger, Exception exception, int count);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Stored {Stored} of {Proposed} proposals over {Candidates} open listings")]
        public static partial void Proposed(ILogger logger, int stored, int proposed, int candidates);
    }
}
