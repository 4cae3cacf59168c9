using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;
using ResponsePortal.Catalog;
using ResponsePortal.Listings;
using ResponsePortal.Store;

namespace ResponsePortal.Pages.Listings;

/// <summary>Turns posted forms and stored listings into the raw values the form shows, and back into drafts.</summary>
public static class ListingFormValues
{
    /// <summary>Fields that belong to the form machinery, not to the listing.</summary>
    private static readonly HashSet<string> NotListingFields = ["__RequestVerificationToken", ListingFields.IdempotencyKey, "token"];

    /// <summary>Exactly what was posted, so a value that failed to parse ("abc") is shown again for correcting.</summary>
    public static Dictionary<string, StringValues> FromForm(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.Where(pair => !NotListingFields.Contains(pair.Key))
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
    }

    /// <summary>Sensible starting values for a new form: goods, in the reader's language.</summary>
    public static Dictionary<string, StringValues> Defaults(string language) => new(StringComparer.Ordinal)
    {
        [FieldNames.Type] = ListingTypes.Goods,
        [FieldNames.Language] = language,
    };

    /// <summary>A stored listing as form values, for the edit form.</summary>
    public static Dictionary<string, StringValues> FromListing(Listing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var draft = ListingDraft.From(listing);
        var values = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        void Set(string field, object? value)
        {
            var text = value switch
            {
                null => null,
                DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                bool flag => flag ? "true" : null,
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (text is not null)
            {
                values[field] = text;
            }
        }

        Set(FieldNames.Type, draft.Type);
        Set(FieldNames.Category, draft.Category);
        Set(FieldNames.Title, draft.Title);
        Set(FieldNames.Description, draft.Description);
        Set(FieldNames.Quantity, draft.Quantity);
        Set(FieldNames.Unit, draft.Unit);
        Set(FieldNames.Region, draft.Region);
        Set(FieldNames.Lat, draft.Lat);
        Set(FieldNames.Lon, draft.Lon);
        Set(FieldNames.RadiusKm, draft.RadiusKm);
        Set(FieldNames.AvailableFrom, draft.AvailableFrom);
        Set(FieldNames.NeededBy, draft.NeededBy);
        Set(FieldNames.Urgency, draft.Urgency);
        Set(FieldNames.DaysOfSupplyLeft, draft.DaysOfSupplyLeft);
        Set(FieldNames.ExpiresAt, draft.ExpiresAt);
        Set(FieldNames.OrganisationName, draft.OrganisationName);
        Set(FieldNames.OrganisationCluster, draft.OrganisationCluster);
        Set(FieldNames.ContactName, draft.ContactName);
        Set(FieldNames.ContactEmail, draft.ContactEmail);
        Set(FieldNames.ContactPhone, draft.ContactPhone);
        Set(FieldNames.Language, draft.Language);
        Set(FieldNames.LeadTimeDays, draft.LeadTimeDays);
        Set(FieldNames.MinimumOrder, draft.MinimumOrder);
        Set(FieldNames.PeriodFrom, draft.PeriodFrom);
        Set(FieldNames.PeriodUntil, draft.PeriodUntil);
        Set(FieldNames.StaffLoanModel, draft.StaffLoanModel);
        Set(FieldNames.EmployeesAgreed, draft.EmployeesAgreed);
        if (draft.Certifications is { Count: > 0 } held)
        {
            values[FieldNames.Certifications] = held.ToArray();
        }

        if (draft.RequiredCertifications is { Count: > 0 } required)
        {
            values[FieldNames.RequiredCertifications] = required.ToArray();
        }

        if (draft.Skills is { Count: > 0 } skills)
        {
            values[FieldNames.Skills] = skills.ToArray();
        }

        return values;
    }

    /// <summary>
    /// Reads the draft and checks it completely: parse errors ("abc" as a quantity) and the validator's rules
    /// together, so the person sees every problem at once rather than one round trip per mistake.
    /// Returns no errors when the draft is ready for the service (which validates again, authoritatively).
    /// </summary>
    public static (ListingDraft Draft, FieldErrors Errors) Read(IFormCollection form, ListingSide side, PortalCatalog catalog, TimeProvider time)
    {
        var (draft, parseErrors) = ListingFormReader.Read(form);
        if (!parseErrors.Any)
        {
            return (draft, parseErrors);
        }

        var errors = new FieldErrors();
        errors.AddRange(parseErrors.All);
        var now = time.GetUtcNow();
        var identity = new ListingIdentity("preview", ListingStatus.Open, now, now, "", 0);
        ListingValidator.Validate(draft, side, identity, catalog, DateOnly.FromDateTime(now.UtcDateTime), errors);
        return (draft, errors);
    }

    /// <summary>The idempotency claim of a form post: its own key, and a hash of what it says (the key reused for other content is a conflict).</summary>
    public static IdempotencyClaim? Claim(IFormCollection form)
    {
        var key = form[ListingFields.IdempotencyKey].ToString();
        if (key.Length is 0 or > 200)
        {
            return null;
        }

        var content = new StringBuilder();
        foreach (var (field, values) in FromForm(form).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            content.Append(field).Append('=').AppendJoin('\u001f', values.Select(v => v ?? "")).Append('\u001e');
        }

        return new IdempotencyClaim("form:" + key, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString()))));
    }

    /// <summary>Messages in the reader's language, in form order.</summary>
    public static IReadOnlyList<FormMessage> Messages(FieldErrors errors, string language) =>
        ListingFields.InOrder(errors.All.Select(e => new FormMessage(e.Field, e.Message(language))));
}

/// <summary>The URL segment of each side: /offers/…, /requests/….</summary>
public static class SidePath
{
    public const string Offers = "offers";
    public const string Requests = "requests";

    /// <summary>Route constraint shared by the pages' @page directives.</summary>
    public const string Constraint = "regex(^(offers|requests)$)";

    public static ListingSide? Parse(string? segment) => segment switch
    {
        Offers => ListingSide.Offer,
        Requests => ListingSide.Request,
        _ => null,
    };

    public static string Of(ListingSide side) => side == ListingSide.Offer ? Offers : Requests;

    public static string ListingUrl(Listing listing) => $"/{Of(listing.Side)}/{listing.Id}";
}
