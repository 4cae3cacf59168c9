using System.Text.RegularExpressions;
using ResponsePortal.Catalog;

namespace ResponsePortal.Tests.Catalog;

/// <summary>Integrity of the embedded catalogue files: a bad data edit fails here, not in production.</summary>
public class CatalogDataTests
{
    private static readonly PortalCatalog Catalog = PortalCatalog.Load();

    private static readonly string[] EuMemberStates =
        ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"];

    private static readonly string[] GermanNuts1 =
        ["DE1", "DE2", "DE3", "DE4", "DE5", "DE6", "DE7", "DE8", "DE9", "DEA", "DEB", "DEC", "DED", "DEE", "DEF", "DEG"];

    // NUTS 2021: 38 German basic regions (Regierungsbezirke or whole Länder).
    private static readonly string[] GermanNuts2 =
    [
        "DE11", "DE12", "DE13", "DE14", "DE21", "DE22", "DE23", "DE24", "DE25", "DE26", "DE27", "DE30", "DE40", "DE50", "DE60",
        "DE71", "DE72", "DE73", "DE80", "DE91", "DE92", "DE93", "DE94", "DEA1", "DEA2", "DEA3", "DEA4", "DEA5", "DEB1", "DEB2",
        "DEB3", "DEC0", "DED2", "DED4", "DED5", "DEE0", "DEF0", "DEG0",
    ];

    [Fact]
    public void All_27_EU_member_states_are_countries_without_parent()
    {
        Assert.Equal(27, EuMemberStates.Length);
        foreach (var code in EuMemberStates)
        {
            Assert.True(Catalog.TryGetRegion(code, out var region), $"missing {code}");
            Assert.Equal(0, region.Level);
            Assert.Null(region.Parent);
        }
        Assert.Equal(EuMemberStates.Order(StringComparer.Ordinal), Catalog.Regions.Where(r => r.Level == 0).Select(r => r.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void All_16_German_NUTS1_regions_hang_under_DE()
    {
        Assert.Equal(GermanNuts1.Order(StringComparer.Ordinal), Catalog.ChildrenOf("DE").Select(r => r.Code).Order(StringComparer.Ordinal));
        Assert.All(Catalog.ChildrenOf("DE"), r => Assert.Equal(1, r.Level));
    }

    [Fact]
    public void All_38_German_NUTS2_regions_hang_under_their_NUTS1_region()
    {
        Assert.Equal(38, GermanNuts2.Length);
        var german = Catalog.Regions.Where(r => r.Level == 2 && r.Code.StartsWith("DE", StringComparison.Ordinal)).Select(r => r.Code);
        Assert.Equal(GermanNuts2.Order(StringComparer.Ordinal), german.Order(StringComparer.Ordinal));
        foreach (var code in GermanNuts2)
        {
            Assert.True(Catalog.TryGetRegion(code, out var region));
            Assert.Equal(code[..3], region.Parent);
        }
    }

    [Fact]
    public void German_region_points_lie_in_Germany_and_near_their_parent()
    {
        foreach (var region in Catalog.Regions.Where(r => r.Level > 0 && r.Code.StartsWith("DE", StringComparison.Ordinal)))
        {
            Assert.InRange(region.Lat, 47.2, 55.1);
            Assert.InRange(region.Lon, 5.8, 15.1);
            Assert.True(Catalog.TryGetRegion(region.Parent!, out var parent));
            // A Land is at most ~500 km across; a point far from its Land's centre is a typo (swapped lat/lon, wrong digit).
            Assert.True(DistanceKm(region, parent) < (region.Level == 2 ? 220 : 500), $"{region.Code} is {DistanceKm(region, parent):F0} km from {parent.Code}");
        }
    }

    [Fact]
    public void Some_well_known_names_are_the_official_German_ones()
    {
        Assert.True(Catalog.TryGetRegion("DE21", out var oberbayern));
        Assert.Equal("Oberbayern", oberbayern.Name.De);
        Assert.True(Catalog.TryGetRegion("DE91", out var braunschweig));
        Assert.Equal("Braunschweig", braunschweig.Name.De);
        Assert.True(Catalog.TryGetRegion("DE93", out var lueneburg));
        Assert.Equal("Lüneburg", lueneburg.Name.De);
        Assert.True(Catalog.TryGetRegion("DEE0", out var sachsenAnhalt));
        Assert.Equal("Sachsen-Anhalt", sachsenAnhalt.Name.De);
        Assert.True(Catalog.TryGetRegion("EL", out var greece));
        Assert.Equal("Griechenland", greece.Name.De);
        Assert.Equal("Greece", greece.Name.En);
    }

    [Fact]
    public void Categories_have_well_formed_CPV_codes_known_units_and_existing_substitutes()
    {
        Assert.InRange(Catalog.Categories.Count, 25, 60);
        foreach (var category in Catalog.Categories)
        {
            if (category.Cpv is not null) Assert.Matches(new Regex(@"^\d{8}-\d$"), category.Cpv);
            Assert.True(Catalog.IsKnownUnit(category.DefaultUnit), $"{category.Id}: unit {category.DefaultUnit}");
            Assert.NotEmpty(category.Types);
            foreach (var substitute in category.Substitutes)
            {
                Assert.NotEqual(category.Id, substitute);
                Assert.True(Catalog.TryGetCategory(substitute, out _), $"{category.Id}: substitute {substitute}");
            }
            Assert.All(category.SuggestedCertifications, c => Assert.True(Catalog.IsKnownCertification(c), c));
        }
    }

    [Fact]
    public void The_categories_the_API_examples_use_exist()
    {
        string[] required =
        [
            "ppe-mask-ffp1", "ppe-mask-ffp2", "ppe-mask-ffp3", "ppe-mask-surgical", "ppe-gloves-nitrile", "ppe-gown", "ppe-face-shield",
            "ppe-goggles", "disinfectant-hand", "disinfectant-surface", "ethanol-raw", "ventilator-parts", "ventilator", "oxygen-concentrator",
            "test-kit-antigen", "swabs", "meltblown-fabric", "cap-3d-printing", "cap-injection-moulding", "cap-sewing", "cap-filling-bottling",
            "cap-lab-testing", "staff-logistics", "staff-care-assistance", "staff-production", "staff-it-support", "logistics-transport",
            "logistics-warehouse",
        ];
        Assert.All(required, id => Assert.True(Catalog.TryGetCategory(id, out _), id));
    }

    [Fact]
    public void Capacity_and_personnel_categories_are_counted_per_week_and_per_person()
    {
        Assert.All(Catalog.Categories.Where(c => c.Types.Contains(ListingTypes.Personnel)), c => Assert.Equal("person", c.DefaultUnit));
        Assert.All(Catalog.Categories.Where(c => c.Id.StartsWith("cap-", StringComparison.Ordinal)), c => Assert.Equal([ListingTypes.Capacity], c.Types));
    }

    [Fact]
    public void Certification_codes_follow_the_STANDARD_CLASS_form()
    {
        foreach (var code in new[] { "EN149:FFP1", "EN149:FFP2", "EN149:FFP3", "EN14683:TypeI", "EN14683:TypeII", "EN14683:TypeIIR", "CE" })
            Assert.True(Catalog.IsKnownCertification(code), code);
        Assert.False(Catalog.IsKnownCertification("en149:ffp2"));
        Assert.All(Catalog.Certifications, c => Assert.Matches(new Regex("^[A-Z0-9-]+(:[A-Za-z0-9]+)?$"), c.Code));
    }

    [Fact]
    public void Units_and_skills_are_there_with_both_labels()
    {
        foreach (var unit in new[] { "piece", "box", "pair", "litre", "kilogram", "tonne", "pallet", "unit-per-week", "person", "hour" })
            Assert.True(Catalog.IsKnownUnit(unit), unit);
        Assert.InRange(Catalog.Skills.Count, 20, 60);
        Assert.All(Catalog.Skills, s => Assert.False(string.IsNullOrWhiteSpace(s.Label.De) || string.IsNullOrWhiteSpace(s.Label.En)));
    }

    [Fact]
    public void LocalizedText_falls_back_to_English()
    {
        var text = new LocalizedText("Maske", "Mask");
        Assert.Equal("Maske", text.For("de"));
        Assert.Equal("Maske", text.For("de-AT"));
        Assert.Equal("Mask", text.For("en"));
        Assert.Equal("Mask", text.For("fr"));
        Assert.Equal("Mask", text.For(null));
    }

    internal static double DistanceKm(Region a, Region b)
    {
        const double EarthRadiusKm = 6371.0;
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(b.Lat - a.Lat);
        var dLon = Rad(b.Lon - a.Lon);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Rad(a.Lat)) * Math.Cos(Rad(b.Lat)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Sqrt(h));
    }
}
