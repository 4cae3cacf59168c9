using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace ResponsePortal.Catalog;

/// <summary>
/// The portal's reference data: categories, units, certifications, NUTS regions and skills.
/// Immutable and validated on construction, so one instance is shared by the whole app
/// (see <see cref="CatalogEndpoints.AddCatalog"/>). Codes are compared ordinally: they are
/// identifiers of the API contract, not free text.
/// </summary>
public sealed partial class PortalCatalog
{
    /// <summary>Prefix of the embedded resource names (LogicalName in ResponsePortal.csproj).</summary>
    internal const string ResourcePrefix = "ResponsePortal.Catalog.Data.";

    private readonly FrozenDictionary<string, Category> _categoriesById;
    private readonly FrozenDictionary<string, Region> _regionsByCode;
    private readonly FrozenSet<string> _certificationCodes;
    private readonly FrozenSet<string> _unitCodes;
    private readonly FrozenSet<string> _skillIds;

    /// <summary>Builds a catalogue from already parsed data and validates it.</summary>
    /// <exception cref="InvalidDataException">The data contradicts itself; the message names the entry.</exception>
    public PortalCatalog(
        IReadOnlyList<Category> categories,
        IReadOnlyList<Unit> units,
        IReadOnlyList<Certification> certifications,
        IReadOnlyList<Region> regions,
        IReadOnlyList<Skill> skills)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(certifications);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(skills);

        Categories = categories;
        Units = units;
        Certifications = certifications;
        Regions = regions;
        Skills = skills;

        _unitCodes = UniqueKeys(units, u => u.Code, "units.json", "unit code").ToFrozenSet(StringComparer.Ordinal);
        _certificationCodes = UniqueKeys(certifications, c => c.Code, "certifications.json", "certification code").ToFrozenSet(StringComparer.Ordinal);
        _skillIds = UniqueKeys(skills, s => s.Id, "skills.json", "skill id").ToFrozenSet(StringComparer.Ordinal);
        UniqueKeys(categories, c => c.Id, "categories.json", "category id");
        UniqueKeys(regions, r => r.Code, "regions.json", "region code");
        _categoriesById = categories.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
        _regionsByCode = regions.ToFrozenDictionary(r => r.Code, StringComparer.Ordinal);

        foreach (var unit in units) ValidateUnit(unit);
        foreach (var certification in certifications) ValidateCertification(certification);
        foreach (var skill in skills) ValidateSkill(skill);
        foreach (var category in categories) ValidateCategory(category);
        foreach (var region in regions) ValidateRegion(region);

        SubstitutesByRequestCategory = categories
            .Where(c => c.Substitutes.Count > 0)
            .ToFrozenDictionary(c => c.Id, c => c.Substitutes, StringComparer.Ordinal);
        _offerCategoriesServing = categories.ToFrozenDictionary(
            c => c.Id, c => (IReadOnlySet<string>)c.Substitutes.Append(c.Id).ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
        _requestCategoriesServedBy = categories.ToFrozenDictionary(
            c => c.Id,
            c => (IReadOnlySet<string>)categories.Where(r => r.Substitutes.Contains(c.Id, StringComparer.Ordinal)).Select(r => r.Id).Append(c.Id)
                .ToFrozenSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    private readonly FrozenDictionary<string, IReadOnlySet<string>> _offerCategoriesServing;
    private readonly FrozenDictionary<string, IReadOnlySet<string>> _requestCategoriesServedBy;

    /// <summary>The offer categories that may serve a request of <paramref name="requestCategory"/>: itself and its substitutes.</summary>
    public IReadOnlySet<string> OfferCategoriesServing(string requestCategory) =>
        _offerCategoriesServing.TryGetValue(requestCategory, out var categories) ? categories : Only(requestCategory);

    /// <summary>The request categories an offer of <paramref name="offerCategory"/> may serve: itself and those it substitutes for.</summary>
    public IReadOnlySet<string> RequestCategoriesServedBy(string offerCategory) =>
        _requestCategoriesServedBy.TryGetValue(offerCategory, out var categories) ? categories : Only(offerCategory);

    private static FrozenSet<string> Only(string category) => new[] { category }.ToFrozenSet(StringComparer.Ordinal);

    public IReadOnlyList<Category> Categories { get; }
    public IReadOnlyList<Unit> Units { get; }
    public IReadOnlyList<Certification> Certifications { get; }
    public IReadOnlyList<Region> Regions { get; }
    public IReadOnlyList<Skill> Skills { get; }

    /// <summary>
    /// Request category -> offer categories that may also serve it, exactly the <c>substitutes</c>
    /// object of the allocation scenario format (shared/formats/allocation-scenario.md):
    /// categories without substitutes have no key.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SubstitutesByRequestCategory { get; }

    public bool TryGetCategory(string id, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Category category) =>
        _categoriesById.TryGetValue(id, out category);

    public bool TryGetRegion(string code, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Region region) =>
        _regionsByCode.TryGetValue(code, out region);

    public bool IsKnownCertification(string code) => _certificationCodes.Contains(code);

    public bool IsKnownUnit(string code) => _unitCodes.Contains(code);

    public bool IsKnownSkill(string id) => _skillIds.Contains(id);

    /// <summary>True when an offer of <paramref name="offerCategory"/> may serve a request of <paramref name="requestCategory"/>: the same category or a listed substitute. Unknown categories serve nothing.</summary>
    public bool CanServe(string offerCategory, string requestCategory)
    {
        if (!_categoriesById.TryGetValue(requestCategory, out var request) || !_categoriesById.ContainsKey(offerCategory))
            return false;
        return string.Equals(offerCategory, requestCategory, StringComparison.Ordinal)
            || request.Substitutes.Contains(offerCategory, StringComparer.Ordinal);
    }

    /// <summary>The regions whose parent is <paramref name="parentCode"/> (direct children only).</summary>
    public IEnumerable<Region> ChildrenOf(string parentCode) =>
        Regions.Where(r => string.Equals(r.Parent, parentCode, StringComparison.Ordinal));

    /// <summary>Loads and validates the data files embedded in this assembly.</summary>
    /// <exception cref="InvalidDataException">A file is missing, malformed or inconsistent.</exception>
    public static PortalCatalog Load() => new(
        ReadEmbedded("categories.json", CatalogJsonContext.Default.CategoryArray),
        ReadEmbedded("units.json", CatalogJsonContext.Default.UnitArray),
        ReadEmbedded("certifications.json", CatalogJsonContext.Default.CertificationArray),
        ReadEmbedded("regions.json", CatalogJsonContext.Default.RegionArray),
        ReadEmbedded("skills.json", CatalogJsonContext.Default.SkillArray));

    private static T[] ReadEmbedded<T>(string fileName, JsonTypeInfo<T[]> typeInfo)
    {
        var resourceName = ResourcePrefix + fileName;
        using var stream = typeof(PortalCatalog).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidDataException($"Catalogue file {fileName} is not embedded (resource {resourceName}); check the EmbeddedResource items in ResponsePortal.csproj.");
        try
        {
            return JsonSerializer.Deserialize(stream, typeInfo)
                ?? throw new InvalidDataException($"Catalogue file {fileName} contains null instead of an array.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Catalogue file {fileName} is malformed: {e.Message}", e);
        }
    }

    private static List<string> UniqueKeys<T>(IEnumerable<T> items, Func<T, string> key, string file, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var item in items)
        {
            var value = key(item);
            if (string.IsNullOrWhiteSpace(value))
                throw Invalid(file, $"an entry has an empty {what}");
            if (!seen.Add(value))
                throw Invalid(file, $"duplicate {what} '{value}'");
            keys.Add(value);
        }
        return keys;
    }

    private static void ValidateUnit(Unit unit)
    {
        if (!SlugPattern().IsMatch(unit.Code)) throw Invalid("units.json", $"unit code '{unit.Code}' is not a lowercase slug");
        ValidateText(unit.Label, "units.json", unit.Code, "label");
    }

    private static void ValidateCertification(Certification certification)
    {
        if (!CertificationCodePattern().IsMatch(certification.Code))
            throw Invalid("certifications.json", $"certification code '{certification.Code}' is not of the form STANDARD or STANDARD:CLASS");
        ValidateText(certification.Label, "certifications.json", certification.Code, "label");
        ValidateText(certification.Description, "certifications.json", certification.Code, "description");
    }

    private static void ValidateSkill(Skill skill)
    {
        if (!SlugPattern().IsMatch(skill.Id)) throw Invalid("skills.json", $"skill id '{skill.Id}' is not a lowercase slug");
        ValidateText(skill.Label, "skills.json", skill.Id, "label");
    }

    private void ValidateCategory(Category category)
    {
        const string File = "categories.json";
        var id = category.Id;
        if (!SlugPattern().IsMatch(id)) throw Invalid(File, $"category id '{id}' is not a lowercase slug");
        if (category.Cpv is not null && !CpvPattern().IsMatch(category.Cpv))
            throw Invalid(File, $"category '{id}' has CPV code '{category.Cpv}', expected 8 digits, a dash and the check digit (e.g. 33140000-3)");
        ValidateText(category.Label, File, id, "label");
        ValidateText(category.Group, File, id, "group");
        if (category.Types.Count == 0) throw Invalid(File, $"category '{id}' allows no listing type");
        foreach (var type in category.Types)
        {
            if (!ListingTypes.All.Contains(type, StringComparer.Ordinal))
                throw Invalid(File, $"category '{id}' names unknown listing type '{type}' (allowed: {string.Join(", ", ListingTypes.All)})");
        }
        if (!_unitCodes.Contains(category.DefaultUnit))
            throw Invalid(File, $"category '{id}' has default unit '{category.DefaultUnit}', which units.json does not define");
        foreach (var substitute in category.Substitutes)
        {
            if (string.Equals(substitute, id, StringComparison.Ordinal))
                throw Invalid(File, $"category '{id}' lists itself as a substitute");
            if (!_categoriesById.ContainsKey(substitute))
                throw Invalid(File, $"category '{id}' lists unknown substitute '{substitute}'");
        }
        if (category.Substitutes.Distinct(StringComparer.Ordinal).Count() != category.Substitutes.Count)
            throw Invalid(File, $"category '{id}' lists a substitute twice");
        foreach (var certification in category.SuggestedCertifications)
        {
            if (!_certificationCodes.Contains(certification))
                throw Invalid(File, $"category '{id}' suggests unknown certification '{certification}'");
        }
    }

    private void ValidateRegion(Region region)
    {
        const string File = "regions.json";
        var code = region.Code;
        if (region.Level is < 0 or > 3)
            throw Invalid(File, $"region '{code}' has level {region.Level}, expected 0 to 3");
        // A NUTS code is the two-letter country code plus one character per level.
        if (!NutsCodePattern().IsMatch(code) || code.Length != 2 + region.Level)
            throw Invalid(File, $"region code '{code}' does not match a NUTS level {region.Level} code");
        ValidateText(region.Name, File, code, "name");
        if (region.Lat is < -90 or > 90 || double.IsNaN(region.Lat))
            throw Invalid(File, $"region '{code}' has latitude {region.Lat.ToString(CultureInfo.InvariantCulture)} outside -90..90");
        if (region.Lon is < -180 or > 180 || double.IsNaN(region.Lon))
            throw Invalid(File, $"region '{code}' has longitude {region.Lon.ToString(CultureInfo.InvariantCulture)} outside -180..180");

        if (region.Level == 0)
        {
            if (region.Parent is not null) throw Invalid(File, $"country '{code}' must have parent null");
            return;
        }
        if (region.Parent is null)
            throw Invalid(File, $"region '{code}' (level {region.Level}) has no parent");
        if (!_regionsByCode.TryGetValue(region.Parent, out var parent))
            throw Invalid(File, $"region '{code}' names parent '{region.Parent}', which does not exist");
        if (parent.Level != region.Level - 1 || !code.StartsWith(parent.Code, StringComparison.Ordinal))
            throw Invalid(File, $"region '{code}' cannot be a child of '{parent.Code}' (level {parent.Level})");
    }

    private static void ValidateText(LocalizedText text, string file, string key, string what)
    {
        if (string.IsNullOrWhiteSpace(text.De) || string.IsNullOrWhiteSpace(text.En))
            throw Invalid(file, $"'{key}' needs a German and an English {what}");
    }

    private static InvalidDataException Invalid(string file, string problem) =>
        new($"Catalogue data invalid ({file}): {problem}.");

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^\d{8}-\d$")]
    internal static partial Regex CpvPattern();

    [GeneratedRegex("^[A-Z0-9]+(-[0-9]+)?(:[A-Za-z0-9]+)?$")]
    private static partial Regex CertificationCodePattern();

    [GeneratedRegex("^[A-Z]{2}[0-9A-Z]{0,3}$")]
    private static partial Regex NutsCodePattern();
}
