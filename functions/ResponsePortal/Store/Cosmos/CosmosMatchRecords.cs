using System.Text.Json.Serialization;
using ResponsePortal.Matching;

namespace ResponsePortal.Store.Cosmos;

/// <summary>
/// What the open (and accepted) matches of one listing hold, in the <c>ledgers</c> container: id = listing id,
/// partition = its side. Holds are keyed by match id, so reserving and releasing are idempotent (a retry finds its
/// own hold), and the If-Match on this one document serialises concurrent matchers per listing.
/// </summary>
internal sealed record LedgerDocument(string Id, string Side, Dictionary<string, LedgerHold> Holds)
{
    public long Held => Holds.Values.Sum(h => h.Quantity);
}

/// <param name="At">When it was reserved: a hold without its match document is a proposal in flight, or, once older
/// than <see cref="CosmosLedgers.OrphanAfter"/>, one that died half-way and is released by the next reconciliation.</param>
internal sealed record LedgerHold(long Quantity, DateTimeOffset At);

internal sealed record UsedLinkDocument(string Id, string LinkId, DateTimeOffset UsedAt);

internal sealed record NotificationDocument(
    string Id, string Key, string SubjectId, string Party, string Event, string Recipient, string State, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

/// <summary>camelCase, nulls left out; the match explanation has the SQLite column's JSON shape.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CosmosMatchDocument))]
[JsonSerializable(typeof(LedgerDocument))]
[JsonSerializable(typeof(UsedLinkDocument))]
[JsonSerializable(typeof(NotificationDocument))]
[JsonSerializable(typeof(MatchReason))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
internal sealed partial class CosmosMatchJsonContext : JsonSerializerContext;
