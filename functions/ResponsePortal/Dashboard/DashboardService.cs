using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using ResponsePortal.Accounts;
using ResponsePortal.Catalog;
using ResponsePortal.Listings;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Dashboard;

/// <summary>
/// The dashboard on SQLite: reads the trigger-maintained aggregates (<see cref="DashboardSchema"/>). Every query groups
/// aggregate rows (one per combination of category, region, urgency, type and cluster that occurs), never listings,
/// so the cost grows with the variety of the data, not its volume. One read transaction: all numbers are one snapshot.
/// The figures are assembled by <see cref="DashboardAssembly"/>, shared with the Cosmos reader.
/// </summary>
public sealed class DashboardService(SqlitePortalDatabase database, PortalCatalog catalog, TimeProvider time) : IDashboardSource
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
            return DashboardAssembly.Build(
                viewer, filter, now, language, catalog,
                ReadCube(connection, transaction, filter, scope),
                ReadLatency(connection, transaction, filter, scope),
                ReadFunnel(connection, transaction, filter, scope),
                ReadTrend(connection, transaction, filter, scope, now));
        }
    }

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

    private static long[] ReadLatency(SqliteConnection connection, SqliteTransaction transaction, DashboardFilter filter, string? scope)
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

        return counts;
    }

    private static List<FunnelCell> ReadFunnel(SqliteConnection connection, SqliteTransaction transaction, DashboardFilter filter, string? scope)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var where = Where(command, filter, scope, sideAwareUrgency: false);
        command.CommandText = $"SELECT state, reason, SUM(matches), SUM(quantity) FROM dash_match_cube WHERE matches > 0{where} GROUP BY state, reason";
        var cells = new List<FunnelCell>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cells.Add(new FunnelCell(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
        }

        return cells;
    }

    private static List<TrendDay> ReadTrend(SqliteConnection connection, SqliteTransaction transaction, DashboardFilter filter, string? scope, DateTimeOffset now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // "All" still draws a bounded chart: at most a year back.
        var from = DashboardAssembly.TrendFrom(filter, now);
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

        return DashboardAssembly.Days(from, now, byDay);
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

    public string CategoryLabel(string code, string language) => DashboardLabels.Category(catalog, code, language);

    public string RegionLabel(string code, string language) => DashboardLabels.Region(catalog, code, language);
}
