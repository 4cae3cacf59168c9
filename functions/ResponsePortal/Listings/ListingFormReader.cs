using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace ResponsePortal.Listings;

/// <summary>
/// Reads a listing from an HTML form whose field names are the API's wire names (see <see cref="FieldNames"/>).
/// Forms send text only, so numbers and dates are parsed here, forgivingly for how people type them
/// ("10.000" and "10 000" are ten thousand; "53,55" is a decimal in German).
/// </summary>
public static partial class ListingFormReader
{
    public static (ListingDraft Draft, FieldErrors Errors) Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new FieldErrors();
        var reader = new FormFields(form, errors);
        var draft = new ListingDraft
        {
            Type = reader.Text(FieldNames.Type),
            Category = reader.Text(FieldNames.Category),
            Title = reader.Text(FieldNames.Title),
            Description = reader.Text(FieldNames.Description),
            Quantity = reader.Integer(FieldNames.Quantity),
            Unit = reader.Text(FieldNames.Unit),
            Region = reader.Text(FieldNames.Region),
            Lat = reader.Decimal(FieldNames.Lat),
            Lon = reader.Decimal(FieldNames.Lon),
            RadiusKm = reader.Integer(FieldNames.RadiusKm),
            AvailableFrom = reader.Date(FieldNames.AvailableFrom),
            NeededBy = reader.Date(FieldNames.NeededBy),
            Urgency = reader.Text(FieldNames.Urgency),
            DaysOfSupplyLeft = reader.Integer(FieldNames.DaysOfSupplyLeft),
            ExpiresAt = reader.Date(FieldNames.ExpiresAt),
            Certifications = reader.List(FieldNames.Certifications),
            RequiredCertifications = reader.List(FieldNames.RequiredCertifications),
            OrganisationName = reader.Text(FieldNames.OrganisationName),
            OrganisationCluster = reader.Text(FieldNames.OrganisationCluster),
            ContactName = reader.Text(FieldNames.ContactName),
            ContactEmail = reader.Text(FieldNames.ContactEmail),
            ContactPhone = reader.Text(FieldNames.ContactPhone),
            Language = reader.Text(FieldNames.Language),
            LeadTimeDays = reader.Integer(FieldNames.LeadTimeDays),
            MinimumOrder = reader.Integer(FieldNames.MinimumOrder),
            Skills = reader.List(FieldNames.Skills),
            PeriodFrom = reader.Date(FieldNames.PeriodFrom),
            PeriodUntil = reader.Date(FieldNames.PeriodUntil),
            StaffLoanModel = reader.Text(FieldNames.StaffLoanModel),
            EmployeesAgreed = reader.Checkbox(FieldNames.EmployeesAgreed),
        };
        return (draft, errors);
    }

    [GeneratedRegex(@"^\d{1,3}([ .,\u00a0\u202f']\d{3})+$")]
    private static partial Regex GroupedDigits();

    private sealed class FormFields(IFormCollection form, FieldErrors errors)
    {
        /// <summary>The trimmed value, or null when the field is missing or blank (an empty input means "not given").</summary>
        public string? Text(string name)
        {
            var value = form.TryGetValue(name, out var values) ? values.ToString() : null;
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        public long? Integer(string name)
        {
            var text = Text(name);
            if (text is null)
            {
                return null;
            }

            var digits = GroupedDigits().IsMatch(text) ? new string([.. text.Where(char.IsAsciiDigit)]) : text;
            if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            errors.Add(name, "Enter a whole number, for example 500.", "Geben Sie eine ganze Zahl ein, zum Beispiel 500.");
            return null;
        }

        public double? Decimal(string name)
        {
            var text = Text(name)?.Replace(',', '.');
            if (text is null)
            {
                return null;
            }

            if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            errors.Add(name, "Enter a number, for example 53.55.", "Geben Sie eine Zahl ein, zum Beispiel 53,55.");
            return null;
        }

        public DateOnly? Date(string name)
        {
            var text = Text(name);
            if (text is null)
            {
                return null;
            }

            // <input type=date> sends yyyy-MM-dd; people typing into a text fallback write dd.MM.yyyy.
            string[] formats = ["yyyy-MM-dd", "d.M.yyyy", "dd.MM.yyyy"];
            if (DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            errors.Add(name, "Enter a date, for example 2026-12-31.", "Geben Sie ein Datum ein, zum Beispiel 31.12.2026.");
            return null;
        }

        /// <summary>Repeated fields (checkboxes) and comma- or line-separated text both give a list.</summary>
        public List<string>? List(string name)
        {
            if (!form.TryGetValue(name, out StringValues values))
            {
                return null;
            }

            var items = values
                .SelectMany(v => (v ?? "").Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToList();
            return items;
        }

        public bool? Checkbox(string name) =>
            form.TryGetValue(name, out var values) ? values.Any(v => v is "true" or "on" or "yes") : null;
    }
}
