using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text.Json;

namespace ResponsePortal.Allocation.Io;

/// <summary>
/// Reads a scenario in the shared format (shared/formats/allocation-scenario.md) with a forward-only Utf8JsonReader:
/// no intermediate DOM and no reflection, because a 200,000-listing file must parse in a fraction of a second.
/// Every violation of the format becomes a <see cref="ScenarioFormatException"/> naming the listing and field.
/// </summary>
public static class ScenarioReader
{
    public static Scenario Read(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.StartsWith("\xEF\xBB\xBF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            return ReadScenario(ref reader, new LabelPool());
        }
        catch (JsonException e)
        {
            throw new ScenarioFormatException($"Not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }
    }

    private static Scenario ReadScenario(ref Utf8JsonReader reader, LabelPool labels)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ScenarioFormatException("A scenario must be one JSON object with 'offers' and 'requests'.");
        }

        List<Offer>? offers = null;
        List<Request>? requests = null;
        var substitutes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("offers"u8))
            {
                offers = ReadList(ref reader, "offers", labels, ReadOffer);
            }
            else if (reader.ValueTextEquals("requests"u8))
            {
                requests = ReadList(ref reader, "requests", labels, ReadRequest);
            }
            else if (reader.ValueTextEquals("substitutes"u8))
            {
                ReadSubstitutes(ref reader, labels, substitutes);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        if (offers is null || requests is null)
        {
            throw new ScenarioFormatException($"The scenario has no '{(offers is null ? "offers" : "requests")}' array.");
        }

        RequireUniqueIds(offers.Select(o => o.Id), "offers");
        RequireUniqueIds(requests.Select(r => r.Id), "requests");
        return new Scenario(offers, requests, substitutes);
    }

    private delegate T ListingReader<out T>(ref Utf8JsonReader reader, string where, LabelPool labels);

    private static List<T> ReadList<T>(ref Utf8JsonReader reader, string name, LabelPool labels, ListingReader<T> readListing)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new ScenarioFormatException($"'{name}' must be an array.");
        }

        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var where = string.Create(CultureInfo.InvariantCulture, $"{name}[{list.Count}]");
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new ScenarioFormatException($"{where} must be an object.");
            }

            list.Add(readListing(ref reader, where, labels));
        }

        return list;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Offer ReadOffer(ref Utf8JsonReader reader, string where, LabelPool labels)
    {
        var fields = new ListingFields();
        double? radiusKm = null;
        DateOnly? availableFrom = null;
        IReadOnlyList<string> certifications = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (fields.TryReadCommon(ref reader, where, labels))
            {
                continue;
            }

            if (reader.ValueTextEquals("radiusKm"u8))
            {
                reader.Read();
                radiusKm = ReadNumber(ref reader, where, "radiusKm");
                if (radiusKm < 0)
                {
                    throw Invalid(where, "radiusKm", "must not be negative");
                }
            }
            else if (reader.ValueTextEquals("availableFrom"u8))
            {
                reader.Read();
                availableFrom = ReadDate(ref reader, where, "availableFrom");
            }
            else if (reader.ValueTextEquals("certifications"u8))
            {
                certifications = ReadLabels(ref reader, where, "certifications", labels);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        fields.RequireCommon(where);
        return new Offer(
            fields.Id!,
            fields.Category!,
            fields.Quantity,
            fields.Lat!.Value,
            fields.Lon!.Value,
            radiusKm ?? throw Missing(where, "radiusKm"),
            availableFrom ?? throw Missing(where, "availableFrom"),
            certifications)
        {
            Skills = fields.Skills,
            PeriodFrom = fields.PeriodFrom,
            PeriodUntil = fields.PeriodUntil,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Request ReadRequest(ref Utf8JsonReader reader, string where, LabelPool labels)
    {
        var fields = new ListingFields();
        DateOnly? neededBy = null;
        Urgency? urgency = null;
        IReadOnlyList<string> requiredCertifications = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (fields.TryReadCommon(ref reader, where, labels))
            {
                continue;
            }

            if (reader.ValueTextEquals("neededBy"u8))
            {
                reader.Read();
                neededBy = ReadDate(ref reader, where, "neededBy");
            }
            else if (reader.ValueTextEquals("urgency"u8))
            {
                reader.Read();
                urgency = reader.TokenType != JsonTokenType.String ? null
                    : reader.ValueTextEquals("critical"u8) ? Urgency.Critical
                    : reader.ValueTextEquals("high"u8) ? Urgency.High
                    : reader.ValueTextEquals("normal"u8) ? Urgency.Normal
                    : null;
                if (urgency is null)
                {
                    throw Invalid(where, "urgency", "must be \"critical\", \"high\" or \"normal\"");
                }
            }
            else if (reader.ValueTextEquals("requiredCertifications"u8))
            {
                requiredCertifications = ReadLabels(ref reader, where, "requiredCertifications", labels);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        fields.RequireCommon(where);
        return new Request(
            fields.Id!,
            fields.Category!,
            fields.Quantity,
            fields.Lat!.Value,
            fields.Lon!.Value,
            neededBy ?? throw Missing(where, "neededBy"),
            urgency ?? throw Missing(where, "urgency"),
            requiredCertifications)
        {
            Skills = fields.Skills,
            PeriodFrom = fields.PeriodFrom,
            PeriodUntil = fields.PeriodUntil,
        };
    }

    private static void ReadSubstitutes(ref Utf8JsonReader reader, LabelPool labels, Dictionary<string, IReadOnlyList<string>> substitutes)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ScenarioFormatException("'substitutes' must be an object mapping a category to a list of categories.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var category = labels.Read(ref reader);
            substitutes[category] = ReadLabels(ref reader, "substitutes", category, labels);
        }
    }

    /// <summary>Reads an array of strings (the reader is on the property name); null counts as empty.</summary>
    internal static IReadOnlyList<string> ReadLabels(ref Utf8JsonReader reader, string where, string field, LabelPool labels)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Invalid(where, field, "must be an array of strings");
        }

        var list = new List<string>(2);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw Invalid(where, field, "must be an array of strings");
            }

            list.Add(labels.Read(ref reader));
        }

        return list.Count == 0 ? [] : list.ToArray();
    }

    internal static double ReadNumber(ref Utf8JsonReader reader, string where, string field)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            throw Invalid(where, field, "must be a number");
        }

        return value;
    }

    internal static DateOnly ReadDate(ref Utf8JsonReader reader, string where, string field)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && reader.ValueSpan.Length == 10)
        {
            Span<char> text = stackalloc char[10];
            if (reader.CopyString(text) == 10
                && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
        }

        throw Invalid(where, field, "must be a date yyyy-mm-dd");
    }

    internal static ScenarioFormatException Missing(string where, string field) => new($"{where}: missing '{field}'.");

    internal static ScenarioFormatException Invalid(string where, string field, string rule) => new($"{where}.{field}: {rule}.");

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static void RequireUniqueIds(IEnumerable<string> ids, string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!seen.Add(id))
            {
                throw new ScenarioFormatException($"{name}: id '{id}' appears more than once.");
            }
        }
    }
}
