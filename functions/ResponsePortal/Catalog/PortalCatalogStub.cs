// TEMPORARY stand-in until the catalog branch lands; same public shape.
using System.Diagnostics.CodeAnalysis;

namespace ResponsePortal.Catalog;

public sealed record LocalizedText(string De, string En)
{
    public string For(string language) => language == "de" ? De : En;
}

public sealed record Category(string Id, string? Cpv, LocalizedText Label, LocalizedText Group, IReadOnlyList<string> Types, string DefaultUnit, IReadOnlyList<string> Substitutes, IReadOnlyList<string> SuggestedCertifications);

public sealed record Region(string Code, int Level, string? Parent, LocalizedText Name, double Lat, double Lon);

public sealed class PortalCatalog
{
    private readonly Dictionary<string, Category> _categories;
    private readonly Dictionary<string, Region> _regions;
    private readonly HashSet<string> _certifications = ["EN149:FFP1", "EN149:FFP2", "EN149:FFP3", "EN14683:TypeI", "EN14683:TypeII", "EN14683:TypeIIR", "CE"];
    private readonly HashSet<string> _units = ["piece", "box", "litre", "kilogram", "person", "unit-per-week"];

    public PortalCatalog()
    {
        Category[] categories =
        [
            new("ppe-mask-ffp2", "18143000-3", new("FFP2-Masken", "FFP2 masks"), new("PSA", "PPE"), ["goods", "capacity"], "piece", ["ppe-mask-ffp3"], ["EN149:FFP2"]),
            new("ppe-mask-ffp3", "18143000-3", new("FFP3-Masken", "FFP3 masks"), new("PSA", "PPE"), ["goods", "capacity"], "piece", [], ["EN149:FFP3"]),
            new("disinfectant-hand", "33631600-8", new("Händedesinfektion", "Hand disinfectant"), new("Hygiene", "Hygiene"), ["goods", "capacity"], "litre", [], ["CE"]),
            new("cap-3d-printing", null, new("3D-Druck", "3D printing"), new("Kapazität", "Capacity"), ["capacity"], "unit-per-week", [], []),
            new("staff-logistics", null, new("Logistikpersonal", "Logistics staff"), new("Personal", "Personnel"), ["personnel"], "person", [], []),
        ];
        _categories = categories.ToDictionary(c => c.Id);
        Region[] regions =
        [
            new("DE", 0, null, new("Deutschland", "Germany"), 51.16, 10.45),
            new("DE6", 1, "DE", new("Hamburg", "Hamburg"), 53.55, 10.0),
            new("DE60", 2, "DE6", new("Hamburg", "Hamburg"), 53.55, 10.0),
            new("DE3", 1, "DE", new("Berlin", "Berlin"), 52.52, 13.40),
            new("DE30", 2, "DE3", new("Berlin", "Berlin"), 52.52, 13.40),
            new("FR", 0, null, new("Frankreich", "France"), 46.6, 2.4),
        ];
        _regions = regions.ToDictionary(r => r.Code);
    }

    public bool TryGetCategory(string id, [NotNullWhen(true)] out Category? category) => _categories.TryGetValue(id, out category);

    public bool TryGetRegion(string code, [NotNullWhen(true)] out Region? region) => _regions.TryGetValue(code, out region);

    public bool IsKnownCertification(string code) => _certifications.Contains(code);

    public bool IsKnownUnit(string code) => _units.Contains(code);
}
