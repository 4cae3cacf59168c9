using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Azure.Cosmos;
using ResponsePortal.Matching;

namespace ResponsePortal.Store.Cosmos;

/// <summary>Between <see cref="Match"/> and its document, and the small helpers the match adapter's files share.</summary>
internal static class CosmosMatchDocuments
{
    public static readonly PartitionKey MatchPartition = new(CosmosMatchDocument.MatchPartition);

    public static readonly PartitionKey RematchPartition = new(CosmosMatchDocument.RematchPartition);

    private static readonly HashSet<string> HoldingCodes = [.. Match.Holding.Select(MatchCodes.Of)];

    private static readonly HashSet<string> OpenCodes = [.. Match.Open.Select(MatchCodes.Of)];

    public static ItemRequestOptions NoContent => new() { EnableContentResponseOnWrite = false };

    public static IReadOnlyList<string> OpenStateCodes { get; } = [.. OpenCodes];

    public static bool IsHolding(CosmosMatchDocument match) => HoldingCodes.Contains(match.State);

    public static bool IsOpen(CosmosMatchDocument match) => OpenCodes.Contains(match.State);

    public static CosmosMatchDocument New(Match match, IReadOnlyList<CosmosMatchEvent> events) => new(
        match.Id, CosmosMatchDocument.MatchPartition, CosmosMatchDocument.MatchKind, match.OfferId, match.RequestId, match.OfferTerms,
        match.RequestTerms, match.Quantity, MatchCodes.Of(match.State), match.ClosureReason is { } reason ? MatchCodes.Of(reason) : null,
        match.Reason, match.CreatedAt, match.UpdatedAt, [], events);

    /// <summary>The next version of a stored document: state and reason from <paramref name="match"/>, history appended.</summary>
    public static CosmosMatchDocument Next(CosmosMatchDocument stored, Match match, CosmosMatchEvent? @event, string? usedLink) => stored with
    {
        State = MatchCodes.Of(match.State),
        ClosureReason = match.ClosureReason is { } reason ? MatchCodes.Of(reason) : null,
        Quantity = match.Quantity,
        UpdatedAt = match.UpdatedAt,
        UsedLinks = usedLink is null ? stored.UsedLinks : [.. stored.UsedLinks, usedLink],
        Events = @event is null ? stored.Events : [.. stored.Events, @event],
    };

    public static Match ToMatch(CosmosMatchDocument document) => new(
        document.Id, document.OfferId, document.RequestId, document.OfferTerms, document.RequestTerms, document.Quantity,
        Enum.GetValues<MatchState>().First(state => MatchCodes.Of(state) == document.State),
        document.ClosureReason is { } code ? Enum.GetValues<ClosureReason>().First(reason => MatchCodes.Of(reason) == code) : null,
        document.Reason ?? throw new InvalidDataException($"Match '{document.Id}' has no explanation."),
        document.CreatedAt, document.UpdatedAt);

    /// <summary>SQLite's order: creation time, then id.</summary>
    public static IReadOnlyList<Match> Ordered(IEnumerable<CosmosMatchDocument> documents) =>
        [.. documents.Select(ToMatch).OrderBy(m => m.CreatedAt.UtcDateTime).ThenBy(m => m.Id, StringComparer.Ordinal)];

    public static CosmosMatchDocument Read(JsonElement element) =>
        element.Deserialize(CosmosMatchJsonContext.Default.CosmosMatchDocument) ?? throw new InvalidDataException("A match document was null.");

    /// <summary>
    /// Link ids and notification keys come from outside (signatures, composed keys) and may hold characters Cosmos ids
    /// cannot: the id is their SHA-256, the text itself is kept in the document.
    /// </summary>
    public static string IdFor(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static MemoryStream Write<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, value, typeInfo);
        stream.Position = 0;
        return stream;
    }
}
