using ResponsePortal.Catalog;
using ResponsePortal.Listings;

namespace ResponsePortal.Pages.Listings;

/// <summary>The catalogue as the pages show it: options for selects and checkboxes, and labels for codes.</summary>
public static class CatalogChoices
{
    public static ListingFormChoices ForForm(PortalCatalog catalog, string language)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ListingFormChoices(
            Categories(catalog, language),
            catalog.Units.Select(u => new Choice(u.Code, u.Label.For(language))).ToList(),
            Regions(catalog, language),
            catalog.Certifications.Select(c => new Choice(c.Code, c.Label.For(language))).ToList(),
            catalog.Skills.Select(s => new Choice(s.Id, s.Label.For(language)))
                .OrderBy(c => c.Label, StringComparer.Create(Web.PortalLanguage.Culture(language), ignoreCase: true))
                .ToList());
    }

    /// <summary>Categories under their group (one optgroup each), in the catalogue's order.</summary>
    public static IReadOnlyList<ChoiceGroup> Categories(PortalCatalog catalog, string language)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Categories
            .GroupBy(c => c.Group.For(language))
            .Select(g => new ChoiceGroup(g.Key, g.Select(c => new Choice(c.Id, c.Label.For(language))).ToList()))
            .ToList();
    }

    /// <summary>
    /// Regions under their country: the country itself first, then its NUTS regions by code, each labelled
    /// "Name (CODE)" so people who know the code and people who know the name both find it.
    /// </summary>
    public static IReadOnlyList<ChoiceGroup> Regions(PortalCatalog catalog, string language)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Regions
            .Where(r => r.Level == 0)
            .OrderBy(r => r.Name.For(language), StringComparer.Create(Web.PortalLanguage.Culture(language), ignoreCase: true))
            .Select(country => new ChoiceGroup(
                country.Name.For(language),
                catalog.Regions
                    .Where(r => r.Code.StartsWith(country.Code, StringComparison.Ordinal))
                    .OrderBy(r => r.Code, StringComparer.Ordinal)
                    .Select(r => new Choice(r.Code, $"{r.Name.For(language)} ({r.Code})"))
                    .ToList()))
            .ToList();
    }

    public static string CategoryLabel(PortalCatalog catalog, string code, string language) =>
        catalog.TryGetCategory(code, out var category) ? category.Label.For(language) : code;

    public static string RegionLabel(PortalCatalog catalog, string code, string language) =>
        catalog.TryGetRegion(code, out var region) ? $"{region.Name.For(language)} ({region.Code})" : code;

    public static string UnitLabel(PortalCatalog catalog, string code, string language) =>
        catalog.Units.FirstOrDefault(u => u.Code == code)?.Label.For(language) ?? code;

    public static string CertificationLabel(PortalCatalog catalog, string code, string language) =>
        catalog.Certifications.FirstOrDefault(c => c.Code == code)?.Label.For(language) ?? code;

    public static string SkillLabel(PortalCatalog catalog, string id, string language) =>
        catalog.Skills.FirstOrDefault(s => s.Id == id)?.Label.For(language) ?? id;

    public static string TypeLabel(ListingType type, string language) => (type switch
    {
        ListingType.Goods => Web.Texts.TypeGoods,
        ListingType.Capacity => Web.Texts.TypeCapacity,
        _ => Web.Texts.TypePersonnel,
    }).For(language);

    public static string UrgencyLabel(Urgency urgency, string language) => (urgency switch
    {
        Urgency.Critical => Web.Texts.UrgencyCritical,
        Urgency.High => Web.Texts.UrgencyHigh,
        _ => Web.Texts.UrgencyNormal,
    }).For(language);

    public static string StaffLoanModelLabel(StaffLoanModel model, string language) => (model switch
    {
        StaffLoanModel.SideJob => Web.Texts.StaffLoanSideJob,
        StaffLoanModel.SuspendedContract => Web.Texts.StaffLoanSuspended,
        _ => Web.Texts.StaffLoanAgency,
    }).For(language);
}
