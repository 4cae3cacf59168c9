using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ResponsePortal.Listings;

namespace ResponsePortal.Store.Cosmos;

/// <summary>
/// An idempotency claim. It carries a full copy of the listing it created, so a retry that finds the claim but
/// not the listing (the first attempt died between the two writes) can finish the job instead of failing.
/// </summary>
internal sealed record IdempotencyDocument(string Id, ListingSide Side, string Key, string RequestHash, Listing Listing);

/// <summary>
/// The same JSON shape as the SQLite body (camelCase, enums as names), so a listing reads the same everywhere.
/// The adapter uses the SDK's stream APIs with these source-generated contracts: no reflection, no Newtonsoft on
/// the data path.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Listing))]
[JsonSerializable(typeof(IdempotencyDocument))]
internal sealed partial class CosmosJsonContext : JsonSerializerContext;

internal static class CosmosDocuments
{
    /// <summary>
    /// The listing's own fields plus <c>sortKey</c>: creation time as fixed-width UTC text, then the id. Newest first
    /// needs one sortable field (offsets in <c>createdAt</c> would sort wrongly as text), and the id breaks ties so
    /// pages never overlap. Cosmos' system fields (_rid, _etag, _ts…) are ignored when reading back.
    /// </summary>
    public static MemoryStream ListingDocument(Listing listing)
    {
        var node = JsonSerializer.SerializeToNode(listing, CosmosJsonContext.Default.Listing)!.AsObject();
        node["sortKey"] = SortKey(listing);
        return Write(node);
    }

    public static MemoryStream ClaimDocument(IdempotencyDocument claim) =>
        Write(JsonSerializer.SerializeToNode(claim, CosmosJsonContext.Default.IdempotencyDocument)!);

    public static Listing ReadListing(Stream content) =>
        JsonSerializer.Deserialize(content, CosmosJsonContext.Default.Listing)
        ?? throw new InvalidDataException("A listing document was null.");

    public static Listing ReadListing(JsonElement element) =>
        element.Deserialize(CosmosJsonContext.Default.Listing)
        ?? throw new InvalidDataException("A listing document was null.");

    public static IdempotencyDocument ReadClaim(Stream content) =>
        JsonSerializer.Deserialize(content, CosmosJsonContext.Default.IdempotencyDocument)
        ?? throw new InvalidDataException("An idempotency document was null.");

    public static string SortKey(Listing listing) =>
        listing.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "|" + listing.Id;

    /// <summary>
    /// Cosmos ids may not contain '/', '\', '?' or '#', and a client's Idempotency-Key may contain anything:
    /// the claim id is the side plus the key's SHA-256, the key itself is kept in the document.
    /// </summary>
    public static string ClaimId(ListingSide side, string key) =>
        side.ToString() + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string PartitionKeyOf(ListingSide side) => side.ToString();

    /// <summary>Ids the store generates never contain these; a request for one can only miss.</summary>
    public static bool IsValidId(string id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 255 && id.IndexOfAny(['/', '\\', '?', '#']) < 0;

    private static MemoryStream Write(JsonNode node)
    {
        var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            node.WriteTo(writer);
        }

        stream.Position = 0;
        return stream;
    }
}
