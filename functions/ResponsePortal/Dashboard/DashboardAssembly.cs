using ResponsePortal.Accounts;
using ResponsePortal.Catalog;
using ResponsePortal.Listings;

namespace ResponsePortal.Dashboard;

/// <summary>Open listings summed per side, category, region and urgency: what every snapshot figure is derived from.</summary>
internal sealed record CubeRow(string Side, string Category, string Region, string Urgency, long Listings, long Quantity, long Held);

/// <summary>Matches and their quantity per state, and per closure reason ("" while open).</summary>
internal sealed record FunnelCell(string State, string Reason, long Matches, long Quantity);

/// <summary>
/// Turns the few aggregate rows a store reads into <see cref="DashboardData"/>. Shared by the SQLite reader
/// (<see cref="DashboardService"/>) and the Cosmos one, so the two stores cannot differ in the definitions
/// (docs/dashboards.md, "Metrics"), only in how they get the rows.
/// </summary>
internal static class DashboardAssembly
{
    public static DashboardData Build(
        Viewer viewer, DashboardFilter filter, DateTimeOffset now, string language, PortalCatalog catalog,
        List<CubeRow> cube, long[] latencyCounts, IEnumerable<FunnelCell> funnel, List<TrendDay> trend)
    {
        string CategoryLabel(string code) => DashboardLabels.Category(catalog, code, language);
        string RegionLabel(string code) => DashboardLabels.Region(catalog, code, language);

        var byCategory = Rows(cube, c => c.Category, CategoryLabel);
        var byRegion = Rows(cube, c => c.Region, RegionLabel);
        var gaps = cube
            .Where(c => c.Side == "Request" && c.Urgency == nameof(Urgency.Critical))
            .GroupBy(c => (c.Category, c.Region))
            .Select(g => new GapRow(g.Key.Category, CategoryLabel(g.Key.Category), g.Key.Region, RegionLabel(g.Key.Region),
                g.Sum(c => c.Listings), g.Sum(c => c.Quantity), g.Sum(c => Math.Max(0, c.Quantity - c.Held))))
            .Where(g => g.UnmetQuantity > 0)
            .OrderByDescending(g => g.UnmetQuantity).ThenBy(g => g.Category, StringComparer.Ordinal).ThenBy(g => g.Region, StringComparer.Ordinal)
            .Take(10)
            .ToList();

        var offers = cube.Where(c => c.Side == "Offer").ToList();
        var requests = cube.Where(c => c.Side == "Request").ToList();
        var demand = requests.Sum(c => c.Quantity);
        var held = requests.Sum(c => Math.Min(c.Held, c.Quantity));
        var totals = new DashboardTotals(
            offers.Sum(c => c.Listings), offers.Sum(c => c.Quantity), requests.Sum(c => c.Listings), demand,
            held, demand - held, demand > 0 ? (double)held / demand : null,
            trend.Sum(d => d.OffersPosted + d.RequestsPosted), trend.Sum(d => d.Matches), trend.Sum(d => d.MatchedQuantity));

        return new DashboardData(
            new DashboardScope(RoleCodes.Of(viewer.Role), viewer.ClusterScope),
            new DashboardFilterView(filter.Category, filter.Region, filter.Urgency is { } u ? ListingCodes.Of(u) : null,
                filter.Type is { } t ? ListingCodes.Of(t) : null, filter.PeriodCode),
            now, totals, byCategory, byRegion, gaps, Latency(latencyCounts), Funnel(funnel), trend);
    }

    /// <summary>The first day the trend (and "posted / matched in period") covers; "all" still draws at most a year.</summary>
    public static DateOnly TrendFrom(DashboardFilter filter, DateTimeOffset now) =>
        DateOnly.FromDateTime(now.UtcDateTime).AddDays(-((filter.PeriodDays ?? 365) - 1));

    /// <summary>Every day of the period, zeros included, so the chart's x axis is time and not "days with activity".</summary>
    public static List<TrendDay> Days(DateOnly from, DateTimeOffset now, IReadOnlyDictionary<DateOnly, TrendDay> byDay)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var days = new List<TrendDay>();
        for (var day = from; day <= today; day = day.AddDays(1))
        {
            days.Add(byDay.GetValueOrDefault(day) ?? new TrendDay(day, 0, 0, 0, 0));
        }

        return days;
    }

    /// <summary>The histogram bucket of a time to first match: the index of the first edge it is below, else the last.</summary>
    public static int Bucket(double seconds)
    {
        var edges = DashboardSchema.EdgesSeconds;
        for (var i = 0; i < edges.Count; i++)
        {
            if (seconds < edges[i])
            {
                return i;
            }
        }

        return edges.Count;
    }

    private static List<DimensionRow> Rows(List<CubeRow> cube, Func<CubeRow, string> key, Func<string, string> label) =>
        cube.GroupBy(key)
            .Select(g =>
            {
                var supply = g.Where(c => c.Side == "Offer").ToList();
                var demand = g.Where(c => c.Side == "Request").ToList();
                var matched = demand.Sum(c => Math.Min(c.Held, c.Quantity));
                var demandQuantity = demand.Sum(c => c.Quantity);
                return new DimensionRow(g.Key, label(g.Key), supply.Sum(c => c.Listings), supply.Sum(c => c.Quantity),
                    demand.Sum(c => c.Listings), demandQuantity, matched, demandQuantity - matched);
            })
            .OrderByDescending(r => r.UnmetQuantity).ThenByDescending(r => r.DemandQuantity + r.SupplyQuantity).ThenBy(r => r.Code, StringComparer.Ordinal)
            .ToList();

    private static LatencyView Latency(long[] counts)
    {
        var edges = DashboardSchema.EdgesSeconds;
        var buckets = counts.Select((n, i) => new LatencyBucket(i == 0 ? 0 : edges[i - 1], i < edges.Count ? edges[i] : null, n)).ToList();
        var total = counts.Sum();
        return new LatencyView(total, Percentile(buckets, total, 0.5), Percentile(buckets, total, 0.9), buckets);
    }

    /// <summary>Linear interpolation inside the bucket holding the rank; the open-ended last bucket reports its lower bound.</summary>
    private static double? Percentile(IReadOnlyList<LatencyBucket> buckets, long total, double p)
    {
        if (total == 0)
        {
            return null;
        }

        var rank = p * total;
        double before = 0;
        foreach (var bucket in buckets)
        {
            if (bucket.Requests > 0 && before + bucket.Requests >= rank)
            {
                if (bucket.UpToSeconds is not { } upper)
                {
                    return bucket.FromSeconds;
                }

                var within = (rank - before) / bucket.Requests;
                return bucket.FromSeconds + (within * (upper - bucket.FromSeconds));
            }

            before += bucket.Requests;
        }

        return buckets[^1].FromSeconds;
    }

    private static FunnelView Funnel(IEnumerable<FunnelCell> cells)
    {
        var states = new Dictionary<string, (long Matches, long Quantity)>(StringComparer.Ordinal);
        var reasons = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var cell in cells)
        {
            var (m, q) = states.GetValueOrDefault(cell.State);
            states[cell.State] = (m + cell.Matches, q + cell.Quantity);
            if (cell.Reason.Length > 0)
            {
                reasons[cell.Reason] = reasons.GetValueOrDefault(cell.Reason) + cell.Matches;
            }
        }

        long Count(params string[] names) => names.Sum(n => states.GetValueOrDefault(n).Matches);
        string[] order = ["proposed", "accepted-by-offer", "accepted-by-request", "accepted", "completed", "declined", "withdrawn", "expired"];
        return new FunnelView(
            Count(order), Count("accepted-by-offer", "accepted-by-request", "accepted", "completed"), Count("accepted", "completed"), Count("completed"),
            Count("declined", "withdrawn", "expired"),
            [.. order.Where(states.ContainsKey).Select(s => new FunnelState(s, states[s].Matches, states[s].Quantity))],
            [.. reasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => new FunnelReason(r.Key, r.Value))]);
    }
}

/// <summary>Category and region names in the viewer's language, as the dashboard and the exports show them.</summary>
public static class DashboardLabels
{
    public static string Category(PortalCatalog catalog, string code, string language)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.TryGetCategory(code, out var category) ? category.Label.For(language) : code;
    }

    public static string Region(PortalCatalog catalog, string code, string language)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.TryGetRegion(code, out var region) ? $"{region.Name.For(language)} ({code})" : code;
    }
}
