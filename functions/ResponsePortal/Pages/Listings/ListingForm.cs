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
    public string CertificationsField => IsOffer ? FieldNames.Certifications : FieldNames.RequiredCertifications;

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
/// The form's fields beyond their names: the form field names are the JSON API's paths (<see cref="FieldNames"/>, the one
/// list of them), so one validator's errors land beside the right inputs; <see cref="InFormOrder"/> is the order the
/// form shows them, which the error summary follows.
/// </summary>
public static class ListingFields
{
    /// <summary>Not an API field: the form's own retry key (see <see cref="ListingForm.IdempotencyKey"/>).</summary>
    public const string IdempotencyKey = "idempotencyKey";

    public static IReadOnlyList<string> InFormOrder { get; } =
    [
        FieldNames.Type, FieldNames.Category, FieldNames.Title, FieldNames.Description, FieldNames.Quantity, FieldNames.Unit,
        FieldNames.Region, FieldNames.Lat, FieldNames.Lon, FieldNames.RadiusKm, FieldNames.AvailableFrom, FieldNames.NeededBy,
        FieldNames.Urgency, FieldNames.DaysOfSupplyLeft, FieldNames.ExpiresAt, FieldNames.Certifications,
        FieldNames.RequiredCertifications, FieldNames.LeadTimeDays, FieldNames.MinimumOrder, FieldNames.Skills,
        FieldNames.PeriodFrom, FieldNames.PeriodUntil, FieldNames.StaffLoanModel, FieldNames.EmployeesAgreed,
        FieldNames.OrganisationName, FieldNames.OrganisationCluster, FieldNames.ContactName, FieldNames.ContactEmail,
        FieldNames.ContactPhone, FieldNames.Language,
    ];

    /// <summary>The field's label, so the error summary can say which field a message is about.</summary>
    public static UiText? LabelOf(string field, ListingSide side) => ListingForm.BaseField(field) switch
    {
        FieldNames.Type => side == ListingSide.Offer ? Texts.OfferTypeLegend : Texts.ShortageTypeLegend,
        FieldNames.Category => Texts.CategoryLabel,
        FieldNames.Title => Texts.TitleLabel,
        FieldNames.Description => Texts.DescriptionLabel,
        FieldNames.Quantity => Texts.QuantityLabel,
        FieldNames.Unit => Texts.UnitLabel,
        FieldNames.Region => Texts.RegionLabel,
        FieldNames.Lat => Texts.LatitudeLabel,
        FieldNames.Lon => Texts.LongitudeLabel,
        FieldNames.RadiusKm => Texts.RadiusLabel,
        FieldNames.AvailableFrom => Texts.AvailableFromLabel,
        FieldNames.NeededBy => Texts.NeededByLabel,
        FieldNames.Urgency => Texts.UrgencyLegend,
        FieldNames.DaysOfSupplyLeft => Texts.DaysOfSupplyLabel,
        FieldNames.ExpiresAt => Texts.ExpiresAtLabel,
        FieldNames.Certifications => Texts.CertificationsHeldLegend,
        FieldNames.RequiredCertifications => Texts.CertificationsRequiredLegend,
        FieldNames.LeadTimeDays => Texts.LeadTimeLabel,
        FieldNames.MinimumOrder => Texts.MinimumOrderLabel,
        FieldNames.Skills => Texts.SkillsLegend,
        FieldNames.PeriodFrom => Texts.PeriodFromLabel,
        FieldNames.PeriodUntil => Texts.PeriodUntilLabel,
        FieldNames.StaffLoanModel => Texts.StaffLoanModelLegend,
        FieldNames.EmployeesAgreed => Texts.EmployeesAgreedLabel,
        FieldNames.OrganisationName => Texts.OrganisationNameLabel,
        FieldNames.OrganisationCluster => Texts.ClusterLabel,
        FieldNames.ContactName => Texts.ContactNameLabel,
        FieldNames.ContactEmail => Texts.ContactEmailLabel,
        FieldNames.ContactPhone => Texts.ContactPhoneLabel,
        FieldNames.Language => Texts.ListingLanguageLegend,
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
