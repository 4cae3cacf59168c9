namespace ResponsePortal.Catalog;

/// <summary>A text in the portal's two languages. Both are always present in the data files.</summary>
public sealed record LocalizedText(string De, string En)
{
    /// <summary>The text for a language code ("de" or "en", case-insensitive, region suffix ignored); anything else gets English.</summary>
    public string For(string? language) =>
        language is not null && language.StartsWith("de", StringComparison.OrdinalIgnoreCase) ? De : En;
}

/// <summary>The listing types of the API contract (shared/formats/api-listing.md).</summary>
public static class ListingTypes
{
    public const string Goods = "goods";
    public const string Capacity = "capacity";
    public const string Personnel = "personnel";

    public static IReadOnlyList<string> All { get; } = [Goods, Capacity, Personnel];
}

/// <summary>One entry of the crisis catalogue.</summary>
/// <param name="Id">Slug used by the API, e.g. <c>ppe-mask-ffp2</c>.</param>
/// <param name="Cpv">EU CPV 2008 code with check digit (<c>18143000-3</c>), or null where no code fits.</param>
/// <param name="Types">Listing types that may use this category (<see cref="ListingTypes"/>).</param>
/// <param name="DefaultUnit">Unit code suggested by the form.</param>
/// <param name="Substitutes">Offer categories that may also serve a request of this category.</param>
/// <param name="SuggestedCertifications">Certification codes the form proposes for this category.</param>
public sealed record Category(
    string Id,
    string? Cpv,
    LocalizedText Label,
    LocalizedText Group,
    IReadOnlyList<string> Types,
    string DefaultUnit,
    IReadOnlyList<string> Substitutes,
    IReadOnlyList<string> SuggestedCertifications);

public sealed record Unit(string Code, LocalizedText Label);

/// <param name="Code"><c>STANDARD:CLASS</c> (e.g. <c>EN149:FFP2</c>) or a bare standard/mark (<c>CE</c>).</param>
public sealed record Certification(string Code, LocalizedText Label, LocalizedText Description);

/// <summary>A NUTS 2021 region with a representative point near its centroid (used for distances when a listing has no coordinates).</summary>
/// <param name="Level">NUTS level: 0 country, 1 major region (German Land), 2 basic region.</param>
/// <param name="Parent">Code of the region one level up; null for countries.</param>
public sealed record Region(string Code, int Level, string? Parent, LocalizedText Name, double Lat, double Lon);

/// <summary>An ESCO-style skill label for personnel listings.</summary>
public sealed record Skill(string Id, LocalizedText Label);
