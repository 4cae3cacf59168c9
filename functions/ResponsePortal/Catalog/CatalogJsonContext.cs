using System.Text.Json.Serialization;

namespace ResponsePortal.Catalog;

/// <summary>
/// Source-generated serializer for the catalogue data files. Strict on purpose: a missing
/// required property, a null where the record says non-null, or a misspelt property name
/// fails <see cref="PortalCatalog.Load"/> (and with it the tests) instead of loading half a record.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(Category[]))]
[JsonSerializable(typeof(Unit[]))]
[JsonSerializable(typeof(Certification[]))]
[JsonSerializable(typeof(Region[]))]
[JsonSerializable(typeof(Skill[]))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;
