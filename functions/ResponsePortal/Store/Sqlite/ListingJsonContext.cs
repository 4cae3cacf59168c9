using System.Text.Json.Serialization;
using ResponsePortal.Listings;

namespace ResponsePortal.Store.Sqlite;

/// <summary>
/// The stored form of a listing: the whole record as JSON, so new fields need no migration.
/// Enums are written as names so the file stays readable and reordering an enum cannot corrupt data.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Listing))]
internal sealed partial class ListingJsonContext : JsonSerializerContext;
