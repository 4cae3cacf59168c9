using System.Globalization;
using System.Text.Json;

namespace ResponsePortal.Listings;

/// <summary>
/// Reads a listing from a JSON body by hand rather than by model binding, so that every wrong type,
/// duplicate or unknown field is reported under its own field name instead of one opaque "invalid JSON".
/// </summary>
public static class ListingJsonReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow };

    private static readonly HashSet<string> TopLevelFields =
    [
        FieldNames.Type, FieldNames.Category, FieldNames.Title, FieldNames.Description, FieldNames.Quantity,
        FieldNames.Unit, FieldNames.Region, FieldNames.Lat, FieldNames.Lon, FieldNames.RadiusKm,
        FieldNames.AvailableFrom, FieldNames.NeededBy, FieldNames.Urgency, FieldNames.DaysOfSupplyLeft,
        FieldNames.ExpiresAt, FieldNames.Certifications, FieldNames.RequiredCertifications, FieldNames.Organisation,
        FieldNames.Contact, FieldNames.Language, FieldNames.LeadTimeDays, FieldNames.MinimumOrder, FieldNames.Skills,
        FieldNames.Period, FieldNames.StaffLoanModel, FieldNames.EmployeesAgreed,
    ];

    // Built once: the nested objects' field names used to be copied into a new HashSet for every request.
    private static readonly HashSet<string> OrganisationFields = new(["name", "cluster"], StringComparer.Ordinal);
    private static readonly HashSet<string> ContactFields = new(["name", "email", "phone"], StringComparer.Ordinal);
    private static readonly HashSet<string> PeriodFields = new(["from", "until"], StringComparer.Ordinal);

    public static (ListingDraft Draft, FieldErrors Errors) Read(ReadOnlyMemory<byte> utf8Json)
    {
        var errors = new FieldErrors();
        // The parser checks string values but not property names; invalid UTF-8 there would surface later as an exception.
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json.Span))
        {
            errors.Add("$", "The body is not valid UTF-8 text.", "Der Inhalt ist kein gültiger UTF-8-Text.");
            return (new ListingDraft(), errors);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            errors.Add("$", $"The body is not valid JSON{where}.", $"Der Inhalt ist kein gültiges JSON{where}.");
            return (new ListingDraft(), errors);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add("$", "The body must be a JSON object.", "Der Inhalt muss ein JSON-Objekt sein.");
                return (new ListingDraft(), errors);
            }

            var fields = new Fields(root, "", TopLevelFields, errors);
            var organisation = fields.Object(FieldNames.Organisation, OrganisationFields);
            var contact = fields.Object(FieldNames.Contact, ContactFields);
            var period = fields.Object(FieldNames.Period, PeriodFields);

            var draft = new ListingDraft
            {
                Type = fields.String(FieldNames.Type),
                Category = fields.String(FieldNames.Category),
                Title = fields.String(FieldNames.Title),
                Description = fields.String(FieldNames.Description),
                Quantity = fields.Integer(FieldNames.Quantity),
                Unit = fields.String(FieldNames.Unit),
                Region = fields.String(FieldNames.Region),
                Lat = fields.Number(FieldNames.Lat),
                Lon = fields.Number(FieldNames.Lon),
                RadiusKm = fields.Integer(FieldNames.RadiusKm),
                AvailableFrom = fields.Date(FieldNames.AvailableFrom),
                NeededBy = fields.Date(FieldNames.NeededBy),
                Urgency = fields.String(FieldNames.Urgency),
                DaysOfSupplyLeft = fields.Integer(FieldNames.DaysOfSupplyLeft),
                ExpiresAt = fields.Date(FieldNames.ExpiresAt),
                Certifications = fields.StringList(FieldNames.Certifications),
                RequiredCertifications = fields.StringList(FieldNames.RequiredCertifications),
                OrganisationName = organisation?.String("name"),
                OrganisationCluster = organisation?.String("cluster"),
                ContactName = contact?.String("name"),
                ContactEmail = contact?.String("email"),
                ContactPhone = contact?.String("phone"),
                Language = fields.String(FieldNames.Language),
                LeadTimeDays = fields.Integer(FieldNames.LeadTimeDays),
                MinimumOrder = fields.Integer(FieldNames.MinimumOrder),
                Skills = fields.StringList(FieldNames.Skills),
                PeriodFrom = period?.Date("from"),
                PeriodUntil = period?.Date("until"),
                StaffLoanModel = fields.String(FieldNames.StaffLoanModel),
                EmployeesAgreed = fields.Boolean(FieldNames.EmployeesAgreed),
            };
            return (draft, errors);
        }
    }

    /// <summary>The properties of one JSON object, each read at most once, with type errors recorded under their path.</summary>
    private sealed class Fields
    {
        private readonly Dictionary<string, JsonElement> _values = new(StringComparer.Ordinal);
        private readonly string _prefix;
        private readonly FieldErrors _errors;

        public Fields(JsonElement obj, string prefix, IReadOnlySet<string> known, FieldErrors errors)
        {
            _prefix = prefix;
            _errors = errors;
            foreach (var property in obj.EnumerateObject())
            {
                var path = prefix + property.Name;
                if (!known.Contains(property.Name))
                {
                    // Unknown fields are ignored (the format allows more fields); a typo shows up as a missing required field.
                    continue;
                }

                if (!_values.TryAdd(property.Name, property.Value))
                {
                    errors.Add(path, "This field appears more than once.", "Dieses Feld kommt mehrfach vor.");
                }
            }
        }

        private bool TryGet(string name, out JsonElement value) =>
            _values.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null;

        public string? String(string name)
        {
            if (!TryGet(name, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                TypeError(name, "text", "Text");
                return null;
            }

            return ReadString(value, _prefix + name);
        }

        public long? Integer(string name)
        {
            if (!TryGet(name, out var value))
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
            {
                return number;
            }

            // A whole number written as 10.0 is still a whole number.
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && d == decimal.Truncate(d)
                && d >= long.MinValue && d <= long.MaxValue)
            {
                return (long)d;
            }

            TypeError(name, "a whole number", "eine ganze Zahl");
            return null;
        }

        public double? Number(string name)
        {
            if (!TryGet(name, out var value))
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
            {
                return number;
            }

            TypeError(name, "a number", "eine Zahl");
            return null;
        }

        public bool? Boolean(string name)
        {
            if (!TryGet(name, out var value))
            {
                return null;
            }

            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return value.GetBoolean();
            }

            TypeError(name, "true or false", "true oder false");
            return null;
        }

        public DateOnly? Date(string name)
        {
            var text = String(name);
            if (text is null)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            _errors.Add(_prefix + name, "Must be a date written as yyyy-mm-dd.", "Muss ein Datum im Format JJJJ-MM-TT sein.");
            return null;
        }

        public List<string>? StringList(string name)
        {
            if (!TryGet(name, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                TypeError(name, "a list of texts", "eine Liste von Texten");
                return null;
            }

            var items = new List<string>();
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    TypeError(name, "a list of texts", "eine Liste von Texten");
                    return null;
                }

                var text = ReadString(item, _prefix + name);
                if (text is null)
                {
                    return null;
                }

                items.Add(text);
            }

            return items;
        }

        public Fields? Object(string name, IReadOnlySet<string> known)
        {
            if (!TryGet(name, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                TypeError(name, "an object", "ein Objekt");
                return null;
            }

            return new Fields(value, _prefix + name + ".", known, _errors);
        }

        private string? ReadString(JsonElement value, string path)
        {
            try
            {
                return value.GetString();
            }
            catch (InvalidOperationException)
            {
                // Escaped lone surrogates ("\ud800") are valid JSON but not valid text.
                _errors.Add(path, "Contains characters that are not valid text.", "Enthält Zeichen, die kein gültiger Text sind.");
                return null;
            }
        }

        private void TypeError(string name, string en, string de) =>
            _errors.Add(_prefix + name, $"Must be {en}.", $"Muss {de} sein.");
    }
}
