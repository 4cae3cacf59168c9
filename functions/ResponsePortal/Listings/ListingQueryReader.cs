using ResponsePortal.Store;

namespace ResponsePortal.Listings;

/// <summary>Reads list filters from the query string; a bad value is a field error, never a silently ignored filter.</summary>
public static class ListingQueryReader
{
    public const int MaxPageSize = 100;

    public static (ListingQuery Query, FieldErrors Errors) Read(IQueryCollection query, ListingSide side)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new FieldErrors();
        var category = Single(query, "category");
        var region = Single(query, "region");
        var typeText = Single(query, "type");
        ListingType? type = null;
        if (typeText is not null && (type = ListingCodes.ParseType(typeText)) is null)
        {
            errors.Add("type", "Choose goods, capacity or personnel.", "Wählen Sie goods, capacity oder personnel.");
        }

        if (category is { Length: > 100 })
        {
            errors.Add("category", "Category codes are at most 100 characters.", "Kategoriecodes haben höchstens 100 Zeichen.");
        }

        if (region is not null && (region.Length > 10 || !region.All(char.IsAsciiLetterOrDigit)))
        {
            errors.Add("region", "Give a NUTS code such as DE or DE60.", "Geben Sie einen NUTS-Code wie DE oder DE60 an.");
        }

        var page = Number(query, "page", 1, 1, 1_000_000, errors);
        var pageSize = Number(query, "pageSize", 20, 1, MaxPageSize, errors);
        return (new ListingQuery(side, category, region?.ToUpperInvariant(), type, ListingStatus.Open, page, pageSize), errors);
    }

    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString().Trim() : null;

    private static int Number(IQueryCollection query, string name, int fallback, int min, int max, FieldErrors errors)
    {
        var text = Single(query, name);
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(name, $"Give a whole number from {min} to {max}.", $"Geben Sie eine ganze Zahl von {min} bis {max} an.");
        return fallback;
    }
}
