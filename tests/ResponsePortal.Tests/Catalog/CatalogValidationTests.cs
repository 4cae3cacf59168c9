using ResponsePortal.Catalog;

namespace ResponsePortal.Tests.Catalog;

/// <summary>The load-time checks reject the data mistakes one is likely to make when editing the JSON files.</summary>
public class CatalogValidationTests
{
    private static readonly LocalizedText Text = new("Text", "Text");
    private static readonly Unit Piece = new("piece", Text);
    private static readonly Certification Ce = new("CE", Text, Text);
    private static readonly Region Germany = new("DE", 0, null, Text, 51.16, 10.45);
    private static readonly Region Hamburg = new("DE6", 1, "DE", Text, 53.55, 10.0);

    private static Category Mask(string id, string? cpv = "18143000-3", string unit = "piece", string[]? substitutes = null, string[]? types = null) =>
        new(id, cpv, Text, Text, types ?? ["goods"], unit, substitutes ?? [], ["CE"]);

    private static PortalCatalog Build(Category[]? categories = null, Region[]? regions = null) =>
        new(categories ?? [Mask("ppe-mask-ffp2")], [Piece], [Ce], regions ?? [Germany, Hamburg], [new Skill("it-support", Text)]);

    [Fact]
    public void Valid_minimal_data_loads() => Assert.NotNull(Build());

    [Fact]
    public void Unknown_substitute_is_rejected()
    {
        var error = Assert.Throws<InvalidDataException>(() => Build([Mask("ppe-mask-ffp2", substitutes: ["ppe-mask-ffp9"])]));
        Assert.Contains("unknown substitute 'ppe-mask-ffp9'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Self_substitute_is_rejected() =>
        Assert.Contains("itself", Assert.Throws<InvalidDataException>(() => Build([Mask("ppe-mask-ffp2", substitutes: ["ppe-mask-ffp2"])])).Message, StringComparison.Ordinal);

    [Fact]
    public void Duplicate_category_is_rejected() =>
        Assert.Contains("duplicate category id 'ppe-mask-ffp2'", Assert.Throws<InvalidDataException>(() => Build([Mask("ppe-mask-ffp2"), Mask("ppe-mask-ffp2")])).Message, StringComparison.Ordinal);

    [Fact]
    public void Malformed_cpv_unknown_unit_and_unknown_type_are_rejected()
    {
        Assert.Throws<InvalidDataException>(() => Build([Mask("ppe-mask-ffp2", cpv: "18143000")]));
        Assert.Throws<InvalidDataException>(() => Build([Mask("ppe-mask-ffp2", unit: "crate")]));
        Assert.Throws<InvalidDataException>(() => Build([Mask("ppe-mask-ffp2", types: ["services"])]));
    }

    [Fact]
    public void Region_with_missing_parent_is_rejected() =>
        Assert.Contains("parent 'DE'", Assert.Throws<InvalidDataException>(() => Build(regions: [Hamburg])).Message, StringComparison.Ordinal);

    [Fact]
    public void Duplicate_region_is_rejected() =>
        Assert.Throws<InvalidDataException>(() => Build(regions: [Germany, Hamburg, Hamburg]));

    [Theory]
    [InlineData(91.0, 10.0)]
    [InlineData(53.5, 181.0)]
    [InlineData(double.NaN, 10.0)]
    public void Coordinates_out_of_range_are_rejected(double lat, double lon) =>
        Assert.Throws<InvalidDataException>(() => Build(regions: [Germany, Hamburg with { Lat = lat, Lon = lon }]));

    [Fact]
    public void Region_code_must_fit_its_level_and_parent()
    {
        Assert.Throws<InvalidDataException>(() => Build(regions: [Germany, Hamburg with { Level = 2 }]));
        Assert.Throws<InvalidDataException>(() => Build(regions: [Germany, new Region("AT1", 1, "DE", Text, 48, 16)]));
    }
}

/// <summary>The source-generated reader refuses incomplete or misspelt entries instead of loading nulls.</summary>
public class CatalogJsonStrictnessTests
{
    [Theory]
    [InlineData("""[{"code":"piece"}]""")]
    [InlineData("""[{"code":"piece","label":{"de":"Stück"}}]""")]
    [InlineData("""[{"code":"piece","label":{"de":"Stück","en":null}}]""")]
    [InlineData("""[{"code":"piece","label":{"de":"Stück","en":"piece"},"lable":"typo"}]""")]
    public void Incomplete_or_unknown_properties_fail(string json) =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Deserialize(json, CatalogJsonContext.Default.UnitArray));

    [Fact]
    public void A_complete_entry_reads()
    {
        var units = System.Text.Json.JsonSerializer.Deserialize("""[{"code":"piece","label":{"de":"Stück","en":"piece"}}]""", CatalogJsonContext.Default.UnitArray);
        Assert.Equal(new Unit("piece", new LocalizedText("Stück", "piece")), Assert.Single(units!));
    }
}
