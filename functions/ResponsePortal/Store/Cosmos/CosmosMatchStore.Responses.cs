using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using ResponsePortal.Matching;
using ResponsePortal.Pipeline;

namespace ResponsePortal.Store.Cosmos;

/// <summary>The parties' answers, single-use links and the notifications' exactly-once records.</summary>
public sealed partial class CosmosMatchStore
{
    /// <summary>
    /// One If-Match write of the match document carries the new state, the event and the used link together, so an
    /// answer is applied once even under double clicks (the loser of the race re-reads and finds the link used). The
    /// link's own document and the release of a decline's holds follow; a decline that dies before its release is
    /// repaired by the reconciliation its match work runs (the event is already on the change feed).
    /// </summary>
    public async Task<RespondOutcome> RespondAsync(string matchId, MatchParty party, RespondAction action, string linkId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(linkId);
        while (true)
        {
            var stored = await ReadMatchAsync(matchId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return new RespondOutcome.NotFound();
            }

            var (document, etag) = (stored.Document, stored.ETag);
            if (document.UsedLinks.Contains(linkId) || await IsLinkUsedAsync(linkId, cancellationToken).ConfigureAwait(false))
            {
                return new RespondOutcome.AlreadyUsed();
            }

            var match = CosmosMatchDocuments.ToMatch(document);
            if (!match.IsOpen)
            {
                return new RespondOutcome.Closed(match);
            }

            var now = _time.GetUtcNow();
            Match next;
            CosmosMatchEvent? happened = null;
            if (action == RespondAction.Decline)
            {
                next = match with { State = MatchState.Declined, ClosureReason = ClosureReason.PrefersAnother, UpdatedAt = now };
                happened = new CosmosMatchEvent(NotifyEvents.Declined, now);
            }
            else
            {
                var otherAccepted = party == MatchParty.Offer ? MatchState.AcceptedByRequest : MatchState.AcceptedByOffer;
                var mine = party == MatchParty.Offer ? MatchState.AcceptedByOffer : MatchState.AcceptedByRequest;
                // Accepting twice through two links changes nothing but still uses the link, as in SQLite.
                next = match.State == mine ? match : match with { State = match.State == otherAccepted ? MatchState.Accepted : mine, UpdatedAt = now };
                if (next.State == MatchState.Accepted)
                {
                    happened = new CosmosMatchEvent(NotifyEvents.Accepted, now);
                }
            }

            var updated = CosmosMatchDocuments.Next(document, next, happened, linkId);
            if (!await ReplaceMatchAsync(updated, etag).ConfigureAwait(false))
            {
                continue;
            }

            await UseLinkAsync(linkId, CancellationToken.None).ConfigureAwait(false);
            if (next.State == MatchState.Declined)
            {
                await _ledgers.ReleaseBothAsync(updated, CancellationToken.None).ConfigureAwait(false);
            }

            return new RespondOutcome.Done(next);
        }
    }

    public async Task<bool> UseLinkAsync(string linkId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(linkId);
        cancellationToken.ThrowIfCancellationRequested();
        var id = CosmosMatchDocuments.IdFor(linkId);
        using var content = CosmosMatchDocuments.Write(new UsedLinkDocument(id, linkId, _time.GetUtcNow()), CosmosMatchJsonContext.Default.UsedLinkDocument);
        using var response = await _links.CreateItemStreamAsync(content, new PartitionKey(id), CosmosMatchDocuments.NoContent, CancellationToken.None).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>Create = begin (the first caller); 409 = begun before: then "already sent" is what its document says.</summary>
    public async Task<bool> BeginNotificationAsync(string key, string subjectId, string party, string notifyEvent, string recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        var id = CosmosMatchDocuments.IdFor(key);
        var document = new NotificationDocument(id, key, subjectId, party, notifyEvent, recipient, "pending", _time.GetUtcNow(), null);
        using (var content = CosmosMatchDocuments.Write(document, CosmosMatchJsonContext.Default.NotificationDocument))
        using (var created = await _notifications.CreateItemStreamAsync(content, new PartitionKey(id), CosmosMatchDocuments.NoContent, CancellationToken.None).ConfigureAwait(false))
        {
            if (created.StatusCode != HttpStatusCode.Conflict)
            {
                created.EnsureSuccessStatusCode();
                return false;
            }
        }

        return (await ReadNotificationAsync(id).ConfigureAwait(false))?.Document.State == "sent";
    }

    public async Task MarkNotificationSentAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var id = CosmosMatchDocuments.IdFor(key);
        while (true)
        {
            var stored = await ReadNotificationAsync(id).ConfigureAwait(false);
            if (stored is null || stored.Value.Document.State == "sent")
            {
                return;
            }

            using var content = CosmosMatchDocuments.Write(stored.Value.Document with { State = "sent", SentAt = _time.GetUtcNow() }, CosmosMatchJsonContext.Default.NotificationDocument);
            using var response = await _notifications.ReplaceItemStreamAsync(content, id, new PartitionKey(id),
                new ItemRequestOptions { IfMatchEtag = stored.Value.ETag, EnableContentResponseOnWrite = false }, CancellationToken.None).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                continue;
            }

            response.EnsureSuccessStatusCode();
            return;
        }
    }

    private async Task<bool> IsLinkUsedAsync(string linkId, CancellationToken cancellationToken)
    {
        var id = CosmosMatchDocuments.IdFor(linkId);
        using var response = await _links.ReadItemStreamAsync(id, new PartitionKey(id), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    private async Task<(NotificationDocument Document, string ETag)?> ReadNotificationAsync(string id)
    {
        using var response = await _notifications.ReadItemStreamAsync(id, new PartitionKey(id)).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var document = await JsonSerializer.DeserializeAsync(response.Content, CosmosMatchJsonContext.Default.NotificationDocument).ConfigureAwait(false)
            ?? throw new InvalidDataException($"Notification '{id}' was null.");
        return (document, response.Headers.ETag);
    }

    /// <summary>Reads, lets <paramref name="change"/> decide (null = nothing to do), writes with If-Match; again on 412.</summary>
    private async Task<CosmosMatchDocument?> UpdateMatchAsync(string id, Func<CosmosMatchDocument, CosmosMatchDocument?> change)
    {
        while (true)
        {
            var stored = await ReadMatchAsync(id, CancellationToken.None).ConfigureAwait(false);
            if (stored is null || change(stored.Document) is not { } next)
            {
                return null;
            }

            if (await ReplaceMatchAsync(next, stored.ETag).ConfigureAwait(false))
            {
                return next;
            }
        }
    }

    /// <summary>False when someone else wrote the document since it was read (412).</summary>
    private async Task<bool> ReplaceMatchAsync(CosmosMatchDocument next, string etag)
    {
        using var content = CosmosMatchDocuments.Write(next, CosmosMatchJsonContext.Default.CosmosMatchDocument);
        using var response = await _matches.ReplaceItemStreamAsync(content, next.Id, CosmosMatchDocuments.MatchPartition,
            new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false }, CancellationToken.None).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }
}
