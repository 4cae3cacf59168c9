using System.Globalization;
using System.Text.Json;

namespace ResponsePortal.Listings;

/// <summary>
/// Reads a listing from a JSON body by hand rather than by model binding, so that every wrong type,
/// duplicate or unknown field is reported under its own field name instead of one opaque "invalid JSON".
/// </summary>
/// <remarks>
/// One forward pass of a <see cref="Utf8JsonReader"/> over the body: no document, no dictionary of properties and no
/// string for a property name. Posting is the portal's hottest path, and building a JsonDocument and a dictionary per
/// object cost about as much as everything else this reader does.
/// A body that is not valid JSON gets one error for the whole body ("$"), whatever fields were read before the
/// syntax error; a field that appears twice gets "appears more than once" (its first value counts).
/// </remarks>
public static class ListingJsonReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow };

    // Field numbers index the names below; the nested objects' fields follow the top-level ones.
    private const int Type = 0, Category = 1, Title = 2, Description = 3, Quantity = 4, Unit = 5, Region = 6, Lat = 7, Lon = 8,
        RadiusKm = 9, AvailableFrom = 10, NeededBy = 11, Urgency = 12, DaysOfSupplyLeft = 13, ExpiresAt = 14, Certifications = 15,
        RequiredCertifications = 16, Organisation = 17, Contact = 18, Language = 19, LeadTimeDays = 20, MinimumOrder = 21,
        Skills = 22, Period = 23, StaffLoanModel = 24, EmployeesAgreed = 25,
        OrganisationName = 26, OrganisationCluster = 27, ContactName = 28, ContactEmail = 29, ContactPhone = 30,
        PeriodFrom = 31, PeriodUntil = 32;

    private static readonly string[] Paths =
    [
        FieldNames.Type, FieldNames.Category, FieldNames.Title, FieldNames.Description, FieldNames.Quantity,
        FieldNames.Unit, FieldNames.Region, FieldNames.Lat, FieldNames.Lon, FieldNames.RadiusKm,
        FieldNames.AvailableFrom, FieldNames.NeededBy, FieldNames.Urgency, FieldNames.DaysOfSupplyLeft,
        FieldNames.ExpiresAt, FieldNames.Certifications, FieldNames.RequiredCertifications, FieldNames.Organisation,
        FieldNames.Contact, FieldNames.Language, FieldNames.LeadTimeDays, FieldNames.MinimumOrder, FieldNames.Skills,
        FieldNames.Period, FieldNames.StaffLoanModel, FieldNames.EmployeesAgreed,
        FieldNames.OrganisationName, FieldNames.OrganisationCluster, FieldNames.ContactName, FieldNames.ContactEmail,
        FieldNames.ContactPhone, FieldNames.PeriodFrom, FieldNames.PeriodUntil,
    ];

    private static readonly JsonFieldTable TopLevel = new([.. Paths[..(EmployeesAgreed + 1)].Select((name, field) => (name, field))]);
    private static readonly JsonFieldTable OrganisationFields = new([("name", OrganisationName), ("cluster", OrganisationCluster)]);
    private static readonly JsonFieldTable ContactFields = new([("name", ContactName), ("email", ContactEmail), ("phone", ContactPhone)]);
    private static readonly JsonFieldTable PeriodFields = new([("from", PeriodFrom), ("until", PeriodUntil)]);

    public static (ListingDraft Draft, FieldErrors Errors) Read(ReadOnlyMemory<byte> utf8Json)
    {
        var errors = new FieldErrors();
        // The reader checks string values but not property names; invalid UTF-8 there would surface later as an exception.
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json.Span))
        {
            errors.Add("$", "The body is not valid UTF-8 text.", "Der Inhalt ist kein gültiger UTF-8-Text.");
            return (new ListingDraft(), errors);
        }

        var reader = new Utf8JsonReader(utf8Json.Span, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                throw new JsonException("The body is empty.");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip(); // An array is still read to its end: broken JSON is reported as such, not as "not an object".
                reader.Read(); // Throws on anything after the value, as for an object below.
                errors.Add("$", "The body must be a JSON object.", "Der Inhalt muss ein JSON-Objekt sein.");
                return (new ListingDraft(), errors);
            }

            var values = new Values(errors);
            values.ReadObject(ref reader, TopLevel);
            reader.Read();
            return (values.ToDraft(), values.AllErrors());
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            var invalid = new FieldErrors();
            invalid.Add("$", $"The body is not valid JSON{where}.", $"Der Inhalt ist kein gültiges JSON{where}.");
            return (new ListingDraft(), invalid);
        }
    }

    /// <summary>The values read so far, by field number, and the errors: duplicates before type errors of the same field.</summary>
    private sealed class Values(FieldErrors errors)
    {
        private readonly object?[] _values = new object?[Paths.Length];
        private readonly bool[] _seen = new bool[Paths.Length];
        private readonly FieldErrors _typeErrors = new();

        public FieldErrors AllErrors()
        {
            errors.AddRange(_typeErrors.All);
            return errors;
        }

        /// <summary>Reads the object the reader is at (StartObject) up to its EndObject.</summary>
        public void ReadObject(ref Utf8JsonReader reader, JsonFieldTable fields)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = fields.Find(ref reader);
                reader.Read();
                if (field < 0)
                {
                    // Unknown fields are ignored (the format allows more fields); a typo shows up as a missing required field.
                    reader.Skip();
                }
                else if (_seen[field])
                {
                    errors.Add(Paths[field], "This field appears more than once.", "Dieses Feld kommt mehrfach vor.");
                    reader.Skip();
                }
                else
                {
                    _seen[field] = true;
                    // null is the same as leaving the field out.
                    if (reader.TokenType != JsonTokenType.Null)
                    {
                        ReadValue(ref reader, field);
                    }
                }
            }
        }

        private void ReadValue(ref Utf8JsonReader reader, int field)
        {
            switch (field)
            {
                case Quantity or RadiusKm or DaysOfSupplyLeft or LeadTimeDays or MinimumOrder:
                    _values[field] = Integer(ref reader, field);
                    break;
                case Lat or Lon:
                    _values[field] = Number(ref reader, field);
                    break;
                case AvailableFrom or NeededBy or ExpiresAt or PeriodFrom or PeriodUntil:
                    _values[field] = Date(ref reader, field);
                    break;
                case Certifications or RequiredCertifications or Skills:
                    _values[field] = StringList(ref reader, field);
                    break;
                case EmployeesAgreed:
                    _values[field] = reader.TokenType is JsonTokenType.True or JsonTokenType.False
                        ? reader.GetBoolean()
                        : TypeError(ref reader, field, "true or false", "true oder false");
                    break;
                case Organisation or Contact or Period:
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        ReadObject(ref reader, field == Organisation ? OrganisationFields : field == Contact ? ContactFields : PeriodFields);
                    }
                    else
                    {
                        TypeError(ref reader, field, "an object", "ein Objekt");
                    }

                    break;
                default:
                    _values[field] = String(ref reader, field);
                    break;
            }
        }

        private string? String(ref Utf8JsonReader reader, int field) =>
            reader.TokenType == JsonTokenType.String ? Text(ref reader, field) : (string?)TypeError(ref reader, field, "text", "Text");

        private long? Integer(ref Utf8JsonReader reader, int field)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                if (reader.TryGetInt64(out var number))
                {
                    return number;
                }

                // A whole number written as 10.0 is still a whole number.
                if (reader.TryGetDecimal(out var d) && d == decimal.Truncate(d) && d >= long.MinValue && d <= long.MaxValue)
                {
                    return (long)d;
                }
            }

            return (long?)TypeError(ref reader, field, "a whole number", "eine ganze Zahl");
        }

        private double? Number(ref Utf8JsonReader reader, int field) =>
            reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number) && double.IsFinite(number)
                ? number
                : (double?)TypeError(ref reader, field, "a number", "eine Zahl");

        private DateOnly? Date(ref Utf8JsonReader reader, int field)
        {
            if (String(ref reader, field) is not { } text)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            _typeErrors.Add(Paths[field], "Must be a date written as yyyy-mm-dd.", "Muss ein Datum im Format JJJJ-MM-TT sein.");
            return null;
        }

        private List<string>? StringList(ref Utf8JsonReader reader, int field)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return (List<string>?)TypeError(ref reader, field, "a list of texts", "eine Liste von Texten");
            }

            var items = new List<string>();
            var valid = true;
            // Every item is read, also after a bad one: the reader must end up at the array's end either way.
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    valid = false;
                    TypeError(ref reader, field, "a list of texts", "eine Liste von Texten");
                }
                else if (valid && Text(ref reader, field) is { } text)
                {
                    items.Add(text);
                }
                else
                {
                    valid = false;
                }
            }

            return valid ? items : null;
        }

        private string? Text(ref Utf8JsonReader reader, int field)
        {
            try
            {
                return reader.GetString();
            }
            catch (InvalidOperationException)
            {
                // Escaped lone surrogates ("\ud800") are valid JSON but not valid text.
                _typeErrors.Add(Paths[field], "Contains characters that are not valid text.", "Enthält Zeichen, die kein gültiger Text sind.");
                return null;
            }
        }

        /// <summary>Records that the value has the wrong type, moves past it (a whole object or array) and returns null.</summary>
        private object? TypeError(ref Utf8JsonReader reader, int field, string en, string de)
        {
            _typeErrors.Add(Paths[field], $"Must be {en}.", $"Muss {de} sein.");
            reader.Skip();
            return null;
        }

        private T? Get<T>(int field)
            where T : class => _values[field] as T;

        private T? Value<T>(int field)
            where T : struct => _values[field] as T?;

        public ListingDraft ToDraft() => new()
        {
            Type = Get<string>(Type),
            Category = Get<string>(Category),
            Title = Get<string>(Title),
            Description = Get<string>(Description),
            Quantity = Value<long>(Quantity),
            Unit = Get<string>(Unit),
            Region = Get<string>(Region),
            Lat = Value<double>(Lat),
            Lon = Value<double>(Lon),
            RadiusKm = Value<long>(RadiusKm),
            AvailableFrom = Value<DateOnly>(AvailableFrom),
            NeededBy = Value<DateOnly>(NeededBy),
            Urgency = Get<string>(Urgency),
            DaysOfSupplyLeft = Value<long>(DaysOfSupplyLeft),
            ExpiresAt = Value<DateOnly>(ExpiresAt),
            Certifications = Get<List<string>>(Certifications),
            RequiredCertifications = Get<List<string>>(RequiredCertifications),
            OrganisationName = Get<string>(OrganisationName),
            OrganisationCluster = Get<string>(OrganisationCluster),
            ContactName = Get<string>(ContactName),
            ContactEmail = Get<string>(ContactEmail),
            ContactPhone = Get<string>(ContactPhone),
            Language = Get<string>(Language),
            LeadTimeDays = Value<long>(LeadTimeDays),
            MinimumOrder = Value<long>(MinimumOrder),
            Skills = Get<List<string>>(Skills),
            PeriodFrom = Value<DateOnly>(PeriodFrom),
            PeriodUntil = Value<DateOnly>(PeriodUntil),
            StaffLoanModel = Get<string>(StaffLoanModel),
            EmployeesAgreed = Value<bool>(EmployeesAgreed),
        };
    }
}
