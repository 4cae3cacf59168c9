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

/// <summary>
/// The form field names are the JSON API's paths (<see cref="FieldNames"/>), so one validator's errors land beside the
/// right inputs; <see cref="InFormOrder"/> is the order the form shows them, which the error summary follows.
/// </summary>
public static class ListingFields
{
    public const string Type = FieldNames.Type;
    public const string Category = FieldNames.Category;
    public const string Title = FieldNames.Title;
    public const string Description = FieldNames.Description;
    public const string Quantity = FieldNames.Quantity;
    public const string Unit = FieldNames.Unit;
    public const string Region = FieldNames.Region;
    public const string Lat = FieldNames.Lat;
    public const string Lon = FieldNames.Lon;
    public const string RadiusKm = FieldNames.RadiusKm;
    public const string AvailableFrom = FieldNames.AvailableFrom;
    public const string NeededBy = FieldNames.NeededBy;
    public const string Urgency = FieldNames.Urgency;
    public const string DaysOfSupplyLeft = FieldNames.DaysOfSupplyLeft;
    public const string ExpiresAt = FieldNames.ExpiresAt;
    public const string Certifications = FieldNames.Certifications;
    public const string RequiredCertifications = FieldNames.RequiredCertifications;
    public const string LeadTimeDays = FieldNames.LeadTimeDays;
    public const string MinimumOrder = FieldNames.MinimumOrder;
    public const string Skills = FieldNames.Skills;
    public const string PeriodFrom = FieldNames.PeriodFrom;
    public const string PeriodUntil = FieldNames.PeriodUntil;
    public const string StaffLoanModel = FieldNames.StaffLoanModel;
    public const string EmployeesAgreed = FieldNames.EmployeesAgreed;
    public const string OrganisationName = FieldNames.OrganisationName;
    public const string OrganisationCluster = FieldNames.OrganisationCluster;
    public const string ContactName = FieldNames.ContactName;
    public const string ContactEmail = FieldNames.ContactEmail;
    public const string ContactPhone = FieldNames.ContactPhone;
    public const string Language = FieldNames.Language;

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
