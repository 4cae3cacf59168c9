using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using ResponsePortal.Accounts;
using ResponsePortal.Catalog;
using ResponsePortal.Listings;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Dashboard;

/// <summary>
/// Reads the dashboard from the trigger-maintained aggregates (<see cref="DashboardSchema"/>). Every query groups
/// aggregate rows (one per combination of category, region, urgency, type and cluster that occurs), never listings,
/// so the cost grows with the variety of the data, not its volume. One read transaction: all numbers are one snapshot.
/// </summary>
public sealed class DashboardService(SqlitePortalDatabase database, PortalCatalog catalog, TimeProvider time)
{
    public async Task<DashboardData> LoadAsync(Viewer viewer, DashboardFilter filter, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(filter);
        var now = time.GetUtcNow();
        var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            var scope = viewer.ClusterScope;
            var cube = ReadCube(connection, transaction, filter, scope);
            var byCategory = Rows(cube, c => c.Category, code => CategoryLabel(code, language));
            var byRegion = Rows(cube, c => c.Region, code => RegionLabel(code, language));
            var gaps = cube
                .Where(c => c.Side == "Request" && c.Urgency == nameof(Urgency.Critical))
                .GroupBy(c => (c.Category, c.Region))
                .Select(g => new GapRow(g.Key.Category, CategoryLabel(g.Key.Category, language), g.Key.Region, RegionLabel(g.Key.Region, language),
                    g.Sum(c => c.Listings), g.Sum(c => c.Quantity), g.Sum(c => Math.Max(0, c.Quantity - c.Held))))
                .Where(g => g.UnmetQuantity > 0)
                .OrderByDescending(g => g.UnmetQuantity).ThenBy(g => g.Category, StringComparer.Ordinal).ThenBy(g => g.Region, StringComparer.Ordinal)
                .Take(10)
                .ToList();

            var offers = cube.Where(c => c.Side == "Offer").ToList();
            var requests = cube.Where(c => c.Side == "Request").ToList();
            var demand = requests.Sum(c => c.Quantity);
            var held = requests.Sum(c => Math.Min(c.Held, c.Quantity));
            var trend = ReadTrend(connection, transaction, filter, scope, now);
            var totals = new DashboardTotals(
                offers.Sum(c => c.Listings), offers.Sum(c => c.Quantity), requests.Sum(c => c.Listings), demand,
                held, demand - held, demand > 0 ? (double)held / demand : null,
                trend.Sum(d => d.OffersPosted + d.RequestsPosted), trend.Sum(d => d.Matches), trend.Sum(d => d.MatchedQuantity));

            return new DashboardData(
                new DashboardScope(RoleCodes.Of(viewer.Role), scope),
                new DashboardFilterView(filter.Category, filter.Region, filter.Urgency is { } u ? ListingCodes.Of(u) : null,
                    filter.Type is { } t ? ListingCodes.Of(t) : null, filter.PeriodCode),
                now, totals, byCategory, byRegion, gaps,
                ReadLatency(connection, transaction, filter, scope),
                ReadFunnel(connection, transaction, filter, scope),
                trend);
        }
    }

    private sealed record CubeRow(string Side, string Category, string Region, string Urgency, long Listings, long Quantity, long Held);

    private static List<CubeRow> ReadCube(SqliteConnection connection, SqliteTransaction transaction, DashboardFilter filter, string? scope)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var where = Where(command, filter, scope, sideAwareUrgency: true);
        command.CommandText = $"""
            SELECT side, category, region, urgency, SUM(listings), SUM(quantity), SUM(held)
            FROM dash_cube WHERE status = 'Open' AND listings > 0{where}
            GROUP BY side, category, region, urgency
            """;
        var rows = new List<CubeRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new CubeRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6)));
        }

        return rows;
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

    private static LatencyView ReadLatency(SqliteConnection connection, SqliteTransaction transaction, DashboardFilter filter, string? scope)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var where = Where(command, filter, scope, sideAwareUrgency: false);
        command.CommandText = $"SELECT bucket, SUM(listings) FROM dash_latency WHERE side = 'Request'{where} GROUP BY bucket";
        var counts = new long[DashboardSchema.EdgesSeconds.Count + 1];
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var bucket = reader.GetInt32(0);
                if (bucket >= 0 && bucket < counts.Length)
                {
                    counts[bucket] += reader.GetInt64(1);
                }
            }
        }

        var edges = DashboardSchema.EdgesSeconds;
        var buckets = counts.Select((n, i) => new LatencyBucket(i == 0 ? 0 : edges[i - 1], i < edges.Count ? edges[i] : null, n)).ToList();
        var total = counts.Sum();
        return new LatencyView(total, Percentile(buckets, total, 0.5), Percentile(buckets, total, 0.9), buckets);
    }

    /// <summary>Linear interpolation inside the bucket holding the rank; the open-ended last bucket reports its lower bound.</summary>
    internal static double? Percentile(IReadOnlyList<LatencyBucket> buckets, long total, double p)
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

    private static FunnelView ReadFunnel(SqliteConnection connection, SqliteTransaction transaction, DashboardFilter filter, string? scope)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var where = Where(command, filter, scope, sideAwareUrgency: false);
        command.CommandText = $"SELECT state, reason, SUM(matches), SUM(quantity) FROM dash_match_cube WHERE matches > 0{where} GROUP BY state, reason";
        var states = new Dictionary<string, (long Matches, long Quantity)>(StringComparer.Ordinal);
        var reasons = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var state = reader.GetString(0);
                var reason = reader.GetString(1);
                var (m, q) = states.GetValueOrDefault(state);
                states[state] = (m + reader.GetInt64(2), q + reader.GetInt64(3));
                if (reason.Length > 0)
                {
                    reasons[reason] = reasons.GetValueOrDefault(reason) + reader.GetInt64(2);
                }
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

    private static List<TrendDay> ReadTrend(SqliteConnection connection, SqliteTransaction transaction, DashboardFilter filter, string? scope, DateTimeOffset now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        // "All" still draws a bounded chart: at most a year back.
        var from = today.AddDays(-((filter.PeriodDays ?? 365) - 1));
        command.Parameters.AddWithValue("$from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        // Unfiltered, unscoped views read the roll-up: one row per day and side.
        var table = !filter.HasDimensions && scope is null ? "dash_daily_all" : "dash_daily";
        var where = table == "dash_daily" ? Where(command, filter, scope, sideAwareUrgency: true) : "";
        command.CommandText = $"""
            SELECT day,
                   SUM(CASE WHEN side = 'Offer' THEN posted ELSE 0 END), SUM(CASE WHEN side = 'Request' THEN posted ELSE 0 END),
                   SUM(matches), SUM(matched_quantity)
            FROM {table} WHERE day >= $from{where}
            GROUP BY day
            """;
        var byDay = new Dictionary<DateOnly, TrendDay>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var day = DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture);
                byDay[day] = new TrendDay(day, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
            }
        }

        // Every day of the period, zeros included, so the chart's x axis is time and not "days with activity".
        var days = new List<TrendDay>();
        for (var day = from; day <= today; day = day.AddDays(1))
        {
            days.Add(byDay.GetValueOrDefault(day) ?? new TrendDay(day, 0, 0, 0, 0));
        }

        return days;
    }

    /// <summary>" AND …" for the filter's dimensions and the viewer's cluster; fixed fragments only, every value a parameter.</summary>
    internal static string Where(SqliteCommand command, DashboardFilter filter, string? scope, bool sideAwareUrgency, string? scopeSql = null)
    {
        var where = new StringBuilder();
        if (filter.Category is { } category)
        {
            where.Append(" AND category = $category");
            command.Parameters.AddWithValue("$category", category);
        }

        if (filter.Region is { } region)
        {
            // NUTS prefix as a range, like the listing API: "DE" finds "DE60".
            where.Append(" AND region >= $region AND region < $region || char(1114111)");
            command.Parameters.AddWithValue("$region", region);
        }

        if (filter.Type is { } type)
        {
            where.Append(" AND type = $type");
            command.Parameters.AddWithValue("$type", type.ToString());
        }

        if (filter.Urgency is { } urgency)
        {
            where.Append(sideAwareUrgency ? " AND (side = 'Offer' OR urgency = $urgency)" : " AND urgency = $urgency");
            command.Parameters.AddWithValue("$urgency", urgency.ToString());
        }

        if (scope is not null)
        {
            where.Append(scopeSql ?? " AND cluster = $cluster");
            command.Parameters.AddWithValue("$cluster", scope);
        }

        return where.ToString();
    }

    public string CategoryLabel(string code, string language) =>
        catalog.TryGetCategory(code, out var category) ? category.Label.For(language) : code;

    public string RegionLabel(string code, string language) =>
        catalog.TryGetRegion(code, out var region) ? $"{region.Name.For(language)} ({code})" : code;
}
