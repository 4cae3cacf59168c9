using Microsoft.Extensions.Primitives;
using ResponsePortal.Listings;
using ResponsePortal.Web;

namespace ResponsePortal.Pages.Listings;

/// <summary>
/// Everything the shared offer/shortage form (_ListingForm.cshtml) renders: the side, the raw values (what the
/// person typed, so "abc" in a number field comes back as "abc"), the messages per field and the catalogue choices.
/// Field names are the JSON API's paths ("contact.email", "period.from"), so one reader serves form and API.
/// </summary>
public sealed class ListingForm
{
    public required ListingSide Side { get; init; }

    public IReadOnlyDictionary<string, StringValues> Values { get; init; } = new Dictionary<string, StringValues>();

    /// <summary>Messages already in the request's language, in the order the fields appear on the form.</summary>
    public IReadOnlyList<FormMessage> Errors { get; init; } = [];

    public required ListingFormChoices Choices { get; init; }

    public required UiText SubmitLabel { get; init; }

    /// <summary>Where the form posts; null posts back to the page's own URL.</summary>
    public string? Action { get; init; }

    /// <summary>Set on the management page: the edit form posts back with the token.</summary>
    public string? ManageToken { get; init; }

    /// <summary>One value per new form, so a double submit (or a reload of the result) creates one listing only.</summary>
    public string? IdempotencyKey { get; init; }

    public bool IsOffer => Side == ListingSide.Offer;

    /// <summary>The certifications field has a side-specific name in the API.</summary>
    public string CertificationsField => IsOffer ? ListingFields.Certifications : ListingFields.RequiredCertifications;

    public string Value(string field) => Values.TryGetValue(field, out var value) ? value.ToString() : "";

    public bool Has(string field, string value) =>
        Values.TryGetValue(field, out var values) && values.Any(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));

    public string? Error(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    public bool HasError(string field) => Errors.Any(e => e.Field == field);

    public static string IdFor(string field) => "f-" + field.Replace('.', '-');

    /// <summary>"skills[1]" → "skills": a message about one list item points at the list's group.</summary>
    public static string BaseField(string field) =>
        field.IndexOf('[', StringComparison.Ordinal) is var bracket and > 0 ? field[..bracket] : field;
}

/// <param name="Field">The API field path; the summary links to its input.</param>
public sealed record FormMessage(string Field, string Message);

public sealed record Choice(string Value, string Label);

public sealed record ChoiceGroup(string Label, IReadOnlyList<Choice> Choices);

public sealed record ListingFormChoices(
    IReadOnlyList<ChoiceGroup> Categories,
    IReadOnlyList<Choice> Units,
    IReadOnlyList<ChoiceGroup> Regions,
    IReadOnlyList<Choice> Certifications,
    IReadOnlyList<Choice> Skills);

/// <summary>The form field names: the JSON API's paths, in the order the form shows them (the error summary follows it).</summary>
public static class ListingFields
{
    public const string Type = "type";
    public const string Category = "category";
    public const string Title = "title";
    public const string Description = "description";
    public const string Quantity = "quantity";
    public const string Unit = "unit";
    public const string Region = "region";
    public const string Lat = "lat";
    public const string Lon = "lon";
    public const string RadiusKm = "radiusKm";
    public const string AvailableFrom = "availableFrom";
    public const string NeededBy = "neededBy";
    public const string Urgency = "urgency";
    public const string DaysOfSupplyLeft = "daysOfSupplyLeft";
    public const string ExpiresAt = "expiresAt";
    public const string Certifications = "certifications";
    public const string RequiredCertifications = "requiredCertifications";
    public const string LeadTimeDays = "leadTimeDays";
    public const string MinimumOrder = "minimumOrder";
    public const string Skills = "skills";
    public const string PeriodFrom = "period.from";
    public const string PeriodUntil = "period.until";
    public const string StaffLoanModel = "staffLoanModel";
    public const string EmployeesAgreed = "employeesAgreed";
    public const string OrganisationName = "organisation.name";
    public const string OrganisationCluster = "organisation.cluster";
    public const string ContactName = "contact.name";
    public const string ContactEmail = "contact.email";
    public const string ContactPhone = "contact.phone";
    public const string Language = "language";

    /// <summary>Not an API field: the form's own retry key (see <see cref="ListingForm.IdempotencyKey"/>).</summary>
    public const string IdempotencyKey = "idempotencyKey";

    public static IReadOnlyList<string> InFormOrder { get; } =
    [
        Type, Category, Title, Description, Quantity, Unit, Region, Lat, Lon, RadiusKm, AvailableFrom, NeededBy,
        Urgency, DaysOfSupplyLeft, ExpiresAt, Certifications, RequiredCertifications, LeadTimeDays, MinimumOrder,
        Skills, PeriodFrom, PeriodUntil, StaffLoanModel, EmployeesAgreed, OrganisationName, OrganisationCluster,
        ContactName, ContactEmail, ContactPhone, Language,
    ];

    /// <summary>The field's label, so the error summary can say which field a message is about.</summary>
    public static UiText? LabelOf(string field, ListingSide side) => ListingForm.BaseField(field) switch
    {
        Type => side == ListingSide.Offer ? Texts.OfferTypeLegend : Texts.ShortageTypeLegend,
        Category => Texts.CategoryLabel,
        Title => Texts.TitleLabel,
        Description => Texts.DescriptionLabel,
        Quantity => Texts.QuantityLabel,
        Unit => Texts.UnitLabel,
        Region => Texts.RegionLabel,
        Lat => Texts.LatitudeLabel,
        Lon => Texts.LongitudeLabel,
        RadiusKm => Texts.RadiusLabel,
        AvailableFrom => Texts.AvailableFromLabel,
        NeededBy => Texts.NeededByLabel,
        Urgency => Texts.UrgencyLegend,
        DaysOfSupplyLeft => Texts.DaysOfSupplyLabel,
        ExpiresAt => Texts.ExpiresAtLabel,
        Certifications => Texts.CertificationsHeldLegend,
        RequiredCertifications => Texts.CertificationsRequiredLegend,
        LeadTimeDays => Texts.LeadTimeLabel,
        MinimumOrder => Texts.MinimumOrderLabel,
        Skills => Texts.SkillsLegend,
        PeriodFrom => Texts.PeriodFromLabel,
        PeriodUntil => Texts.PeriodUntilLabel,
        StaffLoanModel => Texts.StaffLoanModelLegend,
        EmployeesAgreed => Texts.EmployeesAgreedLabel,
        OrganisationName => Texts.OrganisationNameLabel,
        OrganisationCluster => Texts.ClusterLabel,
        ContactName => Texts.ContactNameLabel,
        ContactEmail => Texts.ContactEmailLabel,
        ContactPhone => Texts.ContactPhoneLabel,
        Language => Texts.ListingLanguageLegend,
        _ => null,
    };

    /// <summary>Sorts messages by where their field is on the form; unknown fields last.</summary>
    public static IReadOnlyList<FormMessage> InOrder(IEnumerable<FormMessage> messages) =>
        messages
            .OrderBy(m => InFormOrder.IndexOf(m.Field) is var index and >= 0 ? index : int.MaxValue)
            .ToList();

    private static int IndexOf(this IReadOnlyList<string> fields, string field)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i] == field)
            {
                return i;
            }
        }

        // Nested messages such as "skills[1]" belong to their list.
        var bracket = field.IndexOf('[', StringComparison.Ordinal);
        return bracket > 0 ? fields.IndexOf(field[..bracket]) : -1;
    }
}
