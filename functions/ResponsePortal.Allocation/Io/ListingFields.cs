using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ResponsePortal.Allocation.Io;

/// <summary>The fields offers and requests share (id, category, quantity, place, personnel skills and period).</summary>
internal struct ListingFields
{
    /// <summary>Keeps every sum of quantities (and the solver's flows) far from overflowing a long.</summary>
    public const long MaxQuantity = 1_000_000_000_000;

    public string? Id;
    public string? Category;
    public long Quantity;
    public double? Lat;
    public double? Lon;
    public IReadOnlyList<string> Skills;
    public DateOnly? PeriodFrom;
    public DateOnly? PeriodUntil;

    public ListingFields() => Skills = [];

    /// <summary>Reads the value of the current property when it is a common field; false leaves the reader untouched.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadCommon(ref Utf8JsonReader reader, string where, LabelPool labels)
    {
        if (reader.ValueTextEquals("id"u8))
        {
            reader.Read();
            Id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            if (string.IsNullOrEmpty(Id))
            {
                throw ScenarioReader.Invalid(where, "id", "must be a non-empty string");
            }
        }
        else if (reader.ValueTextEquals("category"u8))
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw ScenarioReader.Invalid(where, "category", "must be a string");
            }

            Category = labels.Read(ref reader);
        }
        else if (reader.ValueTextEquals("quantity"u8))
        {
            reader.Read();
            Quantity = ReadQuantity(ref reader, where);
        }
        else if (reader.ValueTextEquals("lat"u8))
        {
            reader.Read();
            Lat = ScenarioReader.ReadNumber(ref reader, where, "lat");
            if (Lat is < -90 or > 90)
            {
                throw ScenarioReader.Invalid(where, "lat", "must be between -90 and 90");
            }
        }
        else if (reader.ValueTextEquals("lon"u8))
        {
            reader.Read();
            Lon = ScenarioReader.ReadNumber(ref reader, where, "lon");
            if (Lon is < -180 or > 180)
            {
                throw ScenarioReader.Invalid(where, "lon", "must be between -180 and 180");
            }
        }
        else if (reader.ValueTextEquals("skills"u8))
        {
            Skills = ScenarioReader.ReadLabels(ref reader, where, "skills", labels);
        }
        else if (reader.ValueTextEquals("periodFrom"u8))
        {
            reader.Read();
            PeriodFrom = reader.TokenType == JsonTokenType.Null ? null : ScenarioReader.ReadDate(ref reader, where, "periodFrom");
        }
        else if (reader.ValueTextEquals("periodUntil"u8))
        {
            reader.Read();
            PeriodUntil = reader.TokenType == JsonTokenType.Null ? null : ScenarioReader.ReadDate(ref reader, where, "periodUntil");
        }
        else
        {
            return false;
        }

        return true;
    }

    public readonly void RequireCommon(string where)
    {
        if (Id is null)
        {
            throw ScenarioReader.Missing(where, "id");
        }

        if (Category is null)
        {
            throw ScenarioReader.Missing(where, "category");
        }

        if (Quantity == 0)
        {
            throw ScenarioReader.Missing(where, "quantity");
        }

        if (Lat is null)
        {
            throw ScenarioReader.Missing(where, "lat");
        }

        if (Lon is null)
        {
            throw ScenarioReader.Missing(where, "lon");
        }

        if (PeriodFrom > PeriodUntil)
        {
            throw ScenarioReader.Invalid(where, "periodFrom", "must not be after periodUntil");
        }
    }

    private static long ReadQuantity(ref Utf8JsonReader reader, string where)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt64(out var whole) && whole is > 0 and <= MaxQuantity)
            {
                return whole;
            }

            // "1000.0" is still a whole number; "1.5" or "1e30" are not quantities.
            if (reader.TryGetDouble(out var number) && number is > 0 and <= MaxQuantity && Math.Floor(number) == number)
            {
                return (long)number;
            }
        }

        throw ScenarioReader.Invalid(where, "quantity", "must be a positive integer (at most 10^12)");
    }
}
