using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using ResponsePortal.Listings;
using ResponsePortal.Matching;
using ResponsePortal.Pipeline;

namespace ResponsePortal.Store.Cosmos;

/// <summary>
/// The match part of the store port on Cosmos DB, without transactions and without cross-partition queries
/// (docs/cosmos.md, "Matches"). The match document is the truth about a match and carries the work it causes (its
/// events, read from the change feed); the per-listing ledgers guard quantities with ETags; links and notifications
/// are create-once documents. This file: proposing and closing; the answers and the reads are in the other parts.
/// </summary>
public sealed partial class CosmosMatchStore : IMatchStore
{
    private readonly Container _listings;
    private readonly Container _matches;
    private readonly Container _links;
    private readonly Container _notifications;
    private readonly CosmosLedgers _ledgers;
    private readonly TimeProvider _time;

    public CosmosMatchStore(Container listings, Container matches, Container ledgers, Container links, Container notifications, TimeProvider time)
    {
        _listings = listings ?? throw new ArgumentNullException(nameof(listings));
        _matches = matches ?? throw new ArgumentNullException(nameof(matches));
        _links = links ?? throw new ArgumentNullException(nameof(links));
        _notifications = notifications ?? throw new ArgumentNullException(nameof(notifications));
        _ledgers = new CosmosLedgers(ledgers ?? throw new ArgumentNullException(nameof(ledgers)));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public static CosmosMatchStore ForDatabase(Database database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new CosmosMatchStore(
            database.GetContainer(CosmosContainers.Listings), database.GetContainer(CosmosContainers.Matches),
            database.GetContainer(CosmosContainers.Ledgers), database.GetContainer(CosmosContainers.Links),
            database.GetContainer(CosmosContainers.Notifications), time);
    }

    /// <summary>
    /// Per proposal (docs/cosmos.md, "Proposing without transactions"): the first free round id; both listings still
    /// open on the proposal's terms; reserve on the offer's ledger, then on the request's (each clamped to what is left,
    /// If-Match, retried on 412), shrink the offer's hold to what the request granted; create the match document with
    /// its "proposed" event; re-read both listings and withdraw the match if one changed meanwhile.
    /// </summary>
    public async Task<IReadOnlyList<Match>> ProposeAsync(IReadOnlyList<ProposedMatch> proposals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proposals);
        var inserted = new List<Match>();
        var listings = new Dictionary<string, Listing?>(StringComparer.Ordinal);
        foreach (var proposal in proposals)
        {
            var now = _time.GetUtcNow();
            var started = _time.GetTimestamp();
            var (id, earlier) = await FreeRoundIdAsync(proposal.Id, cancellationToken).ConfigureAwait(false);
            var offer = await CachedAsync(listings, proposal.OfferId, ListingSide.Offer, cancellationToken).ConfigureAwait(false);
            var request = await CachedAsync(listings, proposal.RequestId, ListingSide.Request, cancellationToken).ConfigureAwait(false);
            if (!StillOn(offer, proposal.OfferTerms) || !StillOn(request, proposal.RequestTerms))
            {
                // An earlier attempt of this call may have died half-way: after reserving under this id (give it back), or
                // after creating a match but before its double check (finish that check: the match is on stale terms).
                await ReleaseBothAsync(id, proposal.OfferId, proposal.RequestId).ConfigureAwait(false);
                foreach (var stale in earlier.Where(CosmosMatchDocuments.IsOpen))
                {
                    await WithdrawIfStaleAsync(stale).ConfigureAwait(false);
                }

                continue;
            }

            var offerHold = await _ledgers.ReserveAsync(offer!.Id, ListingSide.Offer, offer.Quantity, id, proposal.Quantity, now, CancellationToken.None).ConfigureAwait(false);
            var requestHold = offerHold.Granted > 0
                ? await _ledgers.ReserveAsync(request!.Id, ListingSide.Request, request.Quantity, id, offerHold.Granted, now, CancellationToken.None).ConfigureAwait(false)
                : new Reservation(0, request!.Quantity - ((await _ledgers.ReadAsync(request.Id, ListingSide.Request, CancellationToken.None).ConfigureAwait(false))?.Held ?? 0));
            var quantity = Math.Min(offerHold.Granted, requestHold.Granted);
            if (offerHold.Granted > quantity)
            {
                await _ledgers.ShrinkAsync(offer.Id, ListingSide.Offer, id, quantity, CancellationToken.None).ConfigureAwait(false);
            }

            // As SQLite: a proposal cut short by a parallel matcher rematches each side that still has something left.
            var rematch = new List<string>();
            if (quantity < proposal.Quantity)
            {
                var taken = Math.Max(quantity, 0);
                if (offerHold.LeftBefore - taken > 0)
                {
                    rematch.Add(offer.Id);
                }

                if (requestHold.LeftBefore - taken > 0)
                {
                    rematch.Add(request.Id);
                }
            }

            if (quantity <= 0)
            {
                await MarkForRematchAsync(rematch, now).ConfigureAwait(false);
                continue;
            }

            if (_time.GetElapsedTime(started) > CosmosLedgers.ProposalDeadline)
            {
                // Too slow to be sure a reconciliation has not already taken the holds as orphans: give up cleanly.
                await ReleaseBothAsync(id, offer.Id, request.Id).ConfigureAwait(false);
                continue;
            }

            var match = new Match(id, offer.Id, request.Id, proposal.OfferTerms, proposal.RequestTerms, quantity, MatchState.Proposed, null, proposal.Reason, now, now);
            var document = CosmosMatchDocuments.New(match, [new CosmosMatchEvent(NotifyEvents.Proposed, now, rematch.Count > 0 ? rematch : null)]);
            using (var content = CosmosMatchDocuments.Write(document, CosmosMatchJsonContext.Default.CosmosMatchDocument))
            using (var created = await _matches.CreateItemStreamAsync(content, CosmosMatchDocuments.MatchPartition, CosmosMatchDocuments.NoContent, CancellationToken.None).ConfigureAwait(false))
            {
                if (created.StatusCode == HttpStatusCode.Conflict)
                {
                    // A matcher proposing the same pair at the same moment created it from the same (adopted) holds.
                    continue;
                }

                created.EnsureSuccessStatusCode();
            }

            if (await WithdrawIfStaleAsync(document).ConfigureAwait(false))
            {
                continue;
            }

            inserted.Add(match);
        }

        return inserted;
    }

    /// <summary>
    /// Closes with an If-Match write per match (the document records state, reason and the event, whose work names
    /// the counterpart to match again), then releases its holds. A release that dies is redone by the reconciliation
    /// that the event's match work (counterpart) or this call's retry (ReadChangedAsync, this listing) runs.
    /// </summary>
    public async Task<int> CloseOpenMatchesAsync(string listingId, string? currentTerms, MatchState state, ClosureReason reason, CancellationToken cancellationToken)
    {
        var notifyEvent = state == MatchState.Expired ? NotifyEvents.Expired : NotifyEvents.Withdrawn;
        var closed = 0;
        foreach (var candidate in await QueryMatchesOfListingAsync(listingId, cancellationToken).ConfigureAwait(false))
        {
            if (!ToClose(candidate, listingId, currentTerms))
            {
                continue;
            }

            var now = _time.GetUtcNow();
            var counterpart = candidate.OfferId == listingId ? candidate.RequestId : candidate.OfferId;
            var updated = await UpdateMatchAsync(candidate.Id, stored => ToClose(stored, listingId, currentTerms)
                ? CosmosMatchDocuments.Next(stored, CosmosMatchDocuments.ToMatch(stored) with { State = state, ClosureReason = reason, UpdatedAt = now },
                    new CosmosMatchEvent(notifyEvent, now, [counterpart]), null)
                : null).ConfigureAwait(false);
            if (updated is not null)
            {
                await _ledgers.ReleaseBothAsync(updated, CancellationToken.None).ConfigureAwait(false);
                closed++;
            }
        }

        return closed;
    }

    private static bool ToClose(CosmosMatchDocument match, string listingId, string? currentTerms) =>
        CosmosMatchDocuments.IsOpen(match)
        && (currentTerms is null || !string.Equals(match.OfferId == listingId ? match.OfferTerms : match.RequestTerms, currentTerms, StringComparison.Ordinal));

    private static bool StillOn(Listing? listing, string terms) =>
        listing is { Status: ListingStatus.Open } && string.Equals(MatchIds.TermsOf(listing), terms, StringComparison.Ordinal);

    /// <summary>
    /// The double check: a listing edited or withdrawn between the first read and the document's creation has its
    /// change's match work look for open matches; one created after that look is caught here, since this read follows
    /// the creation. Either way no open match stays on stale terms. Such a match is withdrawn, not deleted, because the
    /// change feed may already have announced it.
    /// </summary>
    private async Task<bool> WithdrawIfStaleAsync(CosmosMatchDocument document)
    {
        var offer = await ReadListingAsync(document.OfferId, ListingSide.Offer, CancellationToken.None).ConfigureAwait(false);
        var request = await ReadListingAsync(document.RequestId, ListingSide.Request, CancellationToken.None).ConfigureAwait(false);
        var offerOn = StillOn(offer, document.OfferTerms);
        if (offerOn && StillOn(request, document.RequestTerms))
        {
            return false;
        }

        var now = _time.GetUtcNow();
        // The unchanged side gets its quantity back; the changed one has its own match work from its change.
        string[] counterpart = offerOn ? [document.OfferId] : StillOn(request, document.RequestTerms) ? [document.RequestId] : [];
        var withdrawn = await UpdateMatchAsync(document.Id, stored => CosmosMatchDocuments.IsOpen(stored)
            ? CosmosMatchDocuments.Next(stored, CosmosMatchDocuments.ToMatch(stored) with
            {
                State = MatchState.Withdrawn, ClosureReason = ClosureReason.NoSupplyLeft, UpdatedAt = now,
            }, new CosmosMatchEvent(NotifyEvents.Withdrawn, now, counterpart), null)
            : null).ConfigureAwait(false);
        if (withdrawn is not null)
        {
            await _ledgers.ReleaseBothAsync(withdrawn, CancellationToken.None).ConfigureAwait(false);
        }

        return true;
    }

    private Task ReleaseBothAsync(string matchId, string offerId, string requestId) =>
        Task.WhenAll(
            _ledgers.ReleaseAsync(offerId, ListingSide.Offer, matchId, CancellationToken.None),
            _ledgers.ReleaseAsync(requestId, ListingSide.Request, matchId, CancellationToken.None));

    /// <summary>
    /// The pair's next id in SQLite's sequence (id, id-2, id-3…: a pair can take more after a decline elsewhere), and
    /// the documents of the rounds before it.
    /// </summary>
    private async Task<(string Id, List<CosmosMatchDocument> Earlier)> FreeRoundIdAsync(string baseId, CancellationToken cancellationToken)
    {
        var id = baseId;
        var earlier = new List<CosmosMatchDocument>();
        for (var round = 2; await FindDocumentAsync(id, cancellationToken).ConfigureAwait(false) is { } existing; round++)
        {
            earlier.Add(existing);
            id = baseId + "-" + round.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return (id, earlier);
    }

    /// <summary>
    /// A proposal clamped to nothing stores no match, yet its side with quantity left must be matched again: an upsert
    /// of the listing's marker in the "rematch" partition puts it on the change feed (each upsert is a new version).
    /// </summary>
    private async Task MarkForRematchAsync(IReadOnlyList<string> listingIds, DateTimeOffset now)
    {
        foreach (var listingId in listingIds)
        {
            var marker = new JsonObject
            {
                ["id"] = listingId,
                ["pk"] = CosmosMatchDocument.RematchPartition,
                ["kind"] = CosmosMatchDocument.RematchKind,
                ["events"] = new JsonArray(new JsonObject
                {
                    ["event"] = CosmosMatchEvent.RematchEvent,
                    ["at"] = JsonValue.Create(now),
                    ["rematch"] = new JsonArray(JsonValue.Create(listingId)),
                }),
            };
            using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(marker, CosmosMatchJsonContext.Default.JsonObject));
            using var response = await _matches.UpsertItemStreamAsync(content, CosmosMatchDocuments.RematchPartition, CosmosMatchDocuments.NoContent, CancellationToken.None).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }
    }

    private async Task<Listing?> CachedAsync(Dictionary<string, Listing?> cache, string id, ListingSide side, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue(id, out var listing))
        {
            listing = await ReadListingAsync(id, side, cancellationToken).ConfigureAwait(false);
            cache[id] = listing;
        }

        return listing;
    }
}
