using System.Text.Json;
using ResponsePortal.Pipeline;

namespace ResponsePortal.Store.Cosmos;

/// <summary>
/// The work a document of the <c>matches</c> container causes: what the SQLite store queues in the transaction of the
/// same change. The MatchChanged function runs this over the container's change feed.
/// </summary>
public static class CosmosMatchFeed
{
    /// <summary>
    /// Exactly the messages for ALL events the document holds, in order, without duplicates. The change feed may hand
    /// over only the latest of several versions, so mapping every event each time is what makes nothing get lost;
    /// repeating earlier events is harmless because the notifier sends once per (match, party, event) and the matcher is
    /// idempotent. Pure: no I/O, no clock.
    /// </summary>
    public static IReadOnlyList<WorkMessage> WorkFor(JsonElement matchDocument)
    {
        if (matchDocument.ValueKind != JsonValueKind.Object
            || !matchDocument.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String
            || !matchDocument.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var id = idElement.GetString()!;
        var isMatch = !matchDocument.TryGetProperty("kind", out var kind) || kind.GetString() != CosmosMatchDocument.RematchKind;
        var work = new List<WorkMessage>();
        foreach (var entry in events.EnumerateArray())
        {
            var name = entry.TryGetProperty("event", out var eventName) ? eventName.GetString() : null;
            if (isMatch && name is NotifyEvents.Proposed or NotifyEvents.Accepted or NotifyEvents.Declined or NotifyEvents.Withdrawn or NotifyEvents.Expired)
            {
                Add(work, NotifyWork.For(id, name));
            }

            if (isMatch && name == NotifyEvents.Declined)
            {
                // The freed quantities go back to the matcher, on both sides (the declined pair itself is never proposed again).
                Add(work, MatchWork.For(String(matchDocument, "offerId")));
                Add(work, MatchWork.For(String(matchDocument, "requestId")));
            }

            if (entry.TryGetProperty("rematch", out var rematch) && rematch.ValueKind == JsonValueKind.Array)
            {
                foreach (var listingId in rematch.EnumerateArray())
                {
                    Add(work, MatchWork.For(listingId.GetString() ?? throw new InvalidDataException($"Match '{id}' has a null rematch id.")));
                }
            }
        }

        return work;
    }

    private static void Add(List<WorkMessage> work, WorkMessage message)
    {
        if (!work.Contains(message))
        {
            work.Add(message);
        }
    }

    private static string String(JsonElement document, string property) =>
        document.GetProperty(property).GetString() ?? throw new InvalidDataException($"A match document has no {property}.");
}
