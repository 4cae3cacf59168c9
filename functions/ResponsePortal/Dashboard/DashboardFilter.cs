using System.Globalization;
using ResponsePortal.Listings;

namespace ResponsePortal.Dashboard;

/// <summary>
/// The dashboard's filters, shared by /dashboard, /api/dashboard and /api/export/*. All optional; they combine with AND.
/// Urgency applies to demand only (offers have none). Period limits what was posted or matched (trend, exports);
/// the snapshot numbers (open now) are the present state by definition.
/// </summary>
public sealed record DashboardFilter(string? Category, string? Region, Urgency? Urgency, ListingType? Type, int? PeriodDays)
{
    public const int DefaultPeriodDays = 30;

    public static IReadOnlyList<int> Periods { get; } = [7, 30, 90, 365];

    public static DashboardFilter Default { get; } = new(null, null, null, null, DefaultPeriodDays);

    public bool HasDimensions => Category is not null || Region is not null || Urgency is not null || Type is not null;

    /// <summary>Lenient: an unknown value is ignored (the page shows "all"), never an error page.</summary>
    public static DashboardFilter From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        static string? Text(string? value, int max) =>
            string.IsNullOrWhiteSpace(value) || value.Length > max || value.Any(char.IsControl) ? null : value.Trim();

        string? period = query["period"];
        int? days = period switch
        {
            "all" => null,
            _ when int.TryParse(period?.TrimEnd('d'), NumberStyles.None, CultureInfo.InvariantCulture, out var d) && Periods.Contains(d) => d,
            _ => DefaultPeriodDays,
        };
        return new DashboardFilter(
            Text(query["category"], 100),
            Text(query["region"], 10)?.ToUpperInvariant(),
            ListingCodes.ParseUrgency(query["urgency"]),
            ListingCodes.ParseType(query["type"]),
            days);
    }

    public string PeriodCode => PeriodDays is { } d ? d.ToString(CultureInfo.InvariantCulture) + "d" : "all";

    /// <summary>The filter as a query string (without "?"), for export links and the page's own form.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("category", Category);
        Add("region", Region);
        Add("urgency", Urgency is { } u ? ListingCodes.Of(u) : null);
        Add("type", Type is { } t ? ListingCodes.Of(t) : null);
        Add("period", PeriodCode);
        return string.Join('&', parts);
    }
}
