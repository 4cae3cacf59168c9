using ResponsePortal.Accounts;
using ResponsePortal.Catalog;
using ResponsePortal.Dashboard;

namespace ResponsePortal.Store.Cosmos;

/// <summary>
/// The dashboard port on Cosmos DB. It computes in memory, from a cached <see cref="DashboardSnapshot"/>, the same
/// aggregate rows SQLite's triggers keep (cube, latency histogram, funnel, trend) and hands them to
/// <see cref="DashboardAssembly"/>, so both stores define every figure the same way. Cosmos could not do it in the
/// database: GROUP BY and SUM need a query plan across partitions the emulator cannot make, and a listing's held quantity
/// needs a join of two containers, which Cosmos has not.
/// Differences to SQLite, both by design: a match counts with its request's current dimensions (SQLite keeps those of
/// the moment it was made), and the figures may be up to <see cref="CosmosDashboardSnapshots.MaxAge"/> old.
/// </summary>
public sealed class CosmosDashboardSource(CosmosDashboardSnapshots snapshots, PortalCatalog catalog, TimeProvider time) : IDashboardSource
{
    public async Task<DashboardData> LoadAsync(Viewer viewer, DashboardFilter filter, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(filter);
        var snapshot = await snapshots.GetAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var scope = viewer.ClusterScope;
        return DashboardAssembly.Build(
            viewer, filter, now, language, catalog, Cube(snapshot, filter, scope), Latency(snapshot, filter, scope), Funnel(snapshot, filter, scope),
            Trend(snapshot, filter, scope, now));
    }

    /// <summary>dash_cube: open listings per side, category, region and urgency, with what their matches hold.</summary>
    private static List<CubeRow> Cube(DashboardSnapshot snapshot, DashboardFilter filter, string? scope) =>
        [.. snapshot.Listings
            .Where(l => l.Status == "Open" && l.Passes(filter, scope, sideAwareUrgency: true))
            .GroupBy(l => (l.Side, l.Category, l.Region, l.Urgency))
            .Select(g => new CubeRow(g.Key.Side, g.Key.Category, g.Key.Region, g.Key.Urgency,
                g.LongCount(), g.Sum(l => l.Quantity), g.Sum(l => snapshot.Held.GetValueOrDefault(l.Id))))];

    /// <summary>dash_latency: requests (any status) by the bucket of their time to first match.</summary>
    private static long[] Latency(DashboardSnapshot snapshot, DashboardFilter filter, string? scope)
    {
        var counts = new long[DashboardSchema.EdgesSeconds.Count + 1];
        foreach (var request in snapshot.Listings.Where(l => l.Side == "Request" && l.Passes(filter, scope, sideAwareUrgency: false)))
        {
            if (snapshot.FirstMatch.TryGetValue(request.Id, out var first))
            {
                counts[DashboardAssembly.Bucket((first - request.CreatedAt).TotalSeconds)]++;
            }
        }

        return counts;
    }

    /// <summary>dash_match_cube: matches for the demand in scope, by state and closure reason.</summary>
    private static List<FunnelCell> Funnel(DashboardSnapshot snapshot, DashboardFilter filter, string? scope) =>
        [.. snapshot.Matches
            .Where(m => m.Request.Passes(filter, scope, sideAwareUrgency: false))
            .GroupBy(m => (m.Match.State, m.Match.Reason))
            .Select(g => new FunnelCell(g.Key.State, g.Key.Reason, g.LongCount(), g.Sum(m => m.Match.Quantity)))];

    /// <summary>dash_daily: listings posted per day and side, matches made per day, by the request's dimensions.</summary>
    private static List<TrendDay> Trend(DashboardSnapshot snapshot, DashboardFilter filter, string? scope, DateTimeOffset now)
    {
        var from = DashboardAssembly.TrendFrom(filter, now);
        var byDay = new Dictionary<DateOnly, TrendDay>();
        TrendDay Day(DateOnly day) => byDay.GetValueOrDefault(day) ?? new TrendDay(day, 0, 0, 0, 0);
        foreach (var listing in snapshot.Listings.Where(l => l.Day >= from && l.Passes(filter, scope, sideAwareUrgency: true)))
        {
            var day = Day(listing.Day);
            byDay[listing.Day] = listing.Side == "Offer" ? day with { OffersPosted = day.OffersPosted + 1 } : day with { RequestsPosted = day.RequestsPosted + 1 };
        }

        foreach (var row in snapshot.Matches.Where(m => m.Request.Passes(filter, scope, sideAwareUrgency: true)))
        {
            var matchDay = DateOnly.FromDateTime(row.Match.CreatedAt.UtcDateTime);
            if (matchDay >= from)
            {
                var day = Day(matchDay);
                byDay[matchDay] = day with { Matches = day.Matches + 1, MatchedQuantity = day.MatchedQuantity + row.Match.Quantity };
            }
        }

        return DashboardAssembly.Days(from, now, byDay);
    }
}
