using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using ResponsePortal.Listings;
using ResponsePortal.Matching;

namespace ResponsePortal.Store.Cosmos;

/// <summary>What a reservation got, and what the listing had left before it (for the rematch decision, as in SQLite).</summary>
internal sealed record Reservation(long Granted, long LeftBefore);

/// <summary>
/// The per-listing bookkeeping of held quantity (docs/cosmos.md, "Proposing without transactions"). Every change is a
/// read-modify-write of one document guarded by If-Match and retried on 412, so concurrent writers are serialised per
/// listing; every change is keyed by match id, so a retried call repeats nothing.
/// </summary>
internal sealed class CosmosLedgers(Container ledgers)
{
    /// <summary>
    /// A hold whose match document does not exist after this long belongs to a proposal that died half-way (a proposal
    /// gives up before creating its document once <see cref="ProposalDeadline"/> has passed, well before this).
    /// </summary>
    public static readonly TimeSpan OrphanAfter = TimeSpan.FromMinutes(10);

    /// <summary>How long a proposal may take from its first reservation to its match document.</summary>
    public static readonly TimeSpan ProposalDeadline = TimeSpan.FromMinutes(2);

    public async Task<LedgerDocument?> ReadAsync(string listingId, ListingSide side, CancellationToken cancellationToken) =>
        (await ReadWithETagAsync(listingId, side, cancellationToken).ConfigureAwait(false))?.Document;

    /// <summary>
    /// Holds up to <paramref name="want"/> of what the listing has left for <paramref name="matchId"/>. A hold that
    /// already exists for the match (this call's crashed earlier attempt, or a matcher proposing the same pair at the
    /// same moment) is adopted as it is, never grown or shrunk: the document it belongs to is made from it.
    /// </summary>
    public async Task<Reservation> ReserveAsync(
        string listingId, ListingSide side, long capacity, string matchId, long want, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Reservation? result = null;
        await UpdateAsync(listingId, side, holds =>
        {
            var othersHeld = holds.Where(h => h.Key != matchId).Sum(h => h.Value.Quantity);
            var left = capacity - othersHeld;
            if (holds.TryGetValue(matchId, out var existing))
            {
                result = new Reservation(existing.Quantity, left);
                return false;
            }

            var granted = Math.Min(want, left);
            result = new Reservation(Math.Max(granted, 0), left);
            if (granted <= 0)
            {
                return false;
            }

            holds[matchId] = new LedgerHold(granted, now);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return result!;
    }

    /// <summary>Lowers the match's hold to <paramref name="quantity"/> (the other side granted less); removes it at zero.</summary>
    public Task ShrinkAsync(string listingId, ListingSide side, string matchId, long quantity, CancellationToken cancellationToken) =>
        UpdateAsync(listingId, side, holds =>
        {
            if (!holds.TryGetValue(matchId, out var hold) || hold.Quantity <= quantity)
            {
                return false;
            }

            if (quantity <= 0)
            {
                holds.Remove(matchId);
            }
            else
            {
                holds[matchId] = hold with { Quantity = quantity };
            }

            return true;
        }, cancellationToken);

    /// <summary>Gives the match's hold back (idempotent: nothing to do when it is gone).</summary>
    public Task ReleaseAsync(string listingId, ListingSide side, string matchId, CancellationToken cancellationToken) =>
        UpdateAsync(listingId, side, holds => holds.Remove(matchId), cancellationToken);

    /// <summary>Releases the match's holds on both of its listings.</summary>
    public Task ReleaseBothAsync(CosmosMatchDocument match, CancellationToken cancellationToken) =>
        Task.WhenAll(
            ReleaseAsync(match.OfferId, ListingSide.Offer, match.Id, cancellationToken),
            ReleaseAsync(match.RequestId, ListingSide.Request, match.Id, cancellationToken));

    /// <summary>
    /// Makes the listing's ledger agree with its match documents (the truth): drops holds of matches that no longer
    /// hold (a close or decline that died between its match write and its release) and holds without a document
    /// older than <see cref="OrphanAfter"/> (a proposal that died between reserving and creating its document).
    /// One read; a write only when something was wrong.
    /// </summary>
    public Task ReconcileAsync(
        string listingId, ListingSide side, IReadOnlyDictionary<string, CosmosMatchDocument> matchesOfListing, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(listingId, side, holds =>
        {
            var stale = holds.Where(h => matchesOfListing.TryGetValue(h.Key, out var match)
                    ? !CosmosMatchDocuments.IsHolding(match)
                    : now - h.Value.At > OrphanAfter)
                .Select(h => h.Key)
                .ToList();
            foreach (var id in stale)
            {
                holds.Remove(id);
            }

            return stale.Count > 0;
        }, cancellationToken, createIfMissing: false);

    /// <summary>Read, change in memory, write back with If-Match (create when new); on 412/409 someone else wrote first: again.</summary>
    private async Task UpdateAsync(
        string listingId, ListingSide side, Func<Dictionary<string, LedgerHold>, bool> change, CancellationToken cancellationToken, bool createIfMissing = true)
    {
        var partition = new PartitionKey(side.ToString());
        while (true)
        {
            var stored = await ReadWithETagAsync(listingId, side, cancellationToken).ConfigureAwait(false);
            if (stored is null && !createIfMissing)
            {
                return;
            }

            var holds = stored is null
                ? new Dictionary<string, LedgerHold>(StringComparer.Ordinal)
                : new Dictionary<string, LedgerHold>(stored.Document.Holds, StringComparer.Ordinal);
            if (!change(holds))
            {
                return;
            }

            using var content = CosmosMatchDocuments.Write(new LedgerDocument(listingId, side.ToString(), holds), CosmosMatchJsonContext.Default.LedgerDocument);
            // Once a write is sent it is finished (as in the listing store): only the reads above honour cancellation.
            using var response = stored is null
                ? await ledgers.CreateItemStreamAsync(content, partition, CosmosMatchDocuments.NoContent, CancellationToken.None).ConfigureAwait(false)
                : await ledgers.ReplaceItemStreamAsync(content, listingId, partition,
                    new ItemRequestOptions { IfMatchEtag = stored.ETag, EnableContentResponseOnWrite = false }, CancellationToken.None).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict or HttpStatusCode.NotFound)
            {
                continue;
            }

            response.EnsureSuccessStatusCode();
            return;
        }
    }

    private async Task<Stored<LedgerDocument>?> ReadWithETagAsync(string listingId, ListingSide side, CancellationToken cancellationToken) =>
        CosmosDocuments.IsValidId(listingId)
            ? await CosmosItems.ReadAsync(ledgers, listingId, side.ToString(), CosmosMatchJsonContext.Default.LedgerDocument, cancellationToken).ConfigureAwait(false)
            : null;
}
