using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace ResponsePortal.Store.Sqlite;

/// <summary>
/// A new listing's dimensions as <c>dash_listings</c> holds them ('' for no urgency or cluster), its quantity and the UTC
/// day it was posted (yyyy-MM-dd): what it adds to <c>dash_cube</c>, <c>dash_daily</c> and <c>dash_daily_all</c>.
/// </summary>
internal readonly record struct NewListingCount(
    string Side, string Type, string Category, string Region, string Urgency, string Cluster, string Status, long Quantity, string Day);

/// <summary>
/// Adds new listings to the dashboard's aggregates (docs/dashboards.md, "Aggregates"), once per commit group: one upsert
/// per cube cell and per day for all of the group's listings. Until migration 10 a trigger on <c>dash_listings</c> ran three
/// upserts per listing on the single writer thread, about a fifth of the intake's cost. Changes of existing listings still
/// move the aggregates by triggers (<c>trg_dash_cube_update</c>), in the same transaction.
/// </summary>
internal static class DashboardCountRows
{
    private const string CubeSql = """
        INSERT INTO dash_cube (side, type, category, region, urgency, cluster, status, listings, quantity, held)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0)
        ON CONFLICT DO UPDATE SET listings = listings + excluded.listings, quantity = quantity + excluded.quantity
        """;

    private const string DailySql = """
        INSERT INTO dash_daily (day, side, type, category, region, urgency, cluster, posted, posted_quantity)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
        ON CONFLICT DO UPDATE SET posted = posted + excluded.posted, posted_quantity = posted_quantity + excluded.posted_quantity
        """;

    private const string DailyAllSql = """
        INSERT INTO dash_daily_all (day, side, posted, posted_quantity)
        VALUES (?1, ?2, ?3, ?4)
        ON CONFLICT DO UPDATE SET posted = posted + excluded.posted, posted_quantity = posted_quantity + excluded.posted_quantity
        """;

    private static readonly ConditionalWeakTable<SqliteConnection, WriterStatement> CubeStatements = new();
    private static readonly ConditionalWeakTable<SqliteConnection, WriterStatement> DailyStatements = new();
    private static readonly ConditionalWeakTable<SqliteConnection, WriterStatement> DailyAllStatements = new();

    public static void AddNewListings(SqliteConnection connection, IReadOnlyList<NewListingCount> listings)
    {
        if (listings.Count == 0)
        {
            return;
        }

        var cube = new Dictionary<(string, string, string, string, string, string, string), (long Listings, long Quantity)>();
        var daily = new Dictionary<(string, string, string, string, string, string, string), (long Posted, long Quantity)>();
        var dailyAll = new Dictionary<(string, string), (long Posted, long Quantity)>();
        foreach (var l in listings)
        {
            Add(cube, (l.Side, l.Type, l.Category, l.Region, l.Urgency, l.Cluster, l.Status), l.Quantity);
            Add(daily, (l.Day, l.Side, l.Type, l.Category, l.Region, l.Urgency, l.Cluster), l.Quantity);
            Add(dailyAll, (l.Day, l.Side), l.Quantity);
        }

        var cubeStatement = WriterStatement.On(connection, CubeSql, CubeStatements);
        foreach (var ((side, type, category, region, urgency, cluster, status), (count, quantity)) in cube)
        {
            cubeStatement.Run([side, type, category, region, urgency, cluster, status, count, quantity]);
        }

        var dailyStatement = WriterStatement.On(connection, DailySql, DailyStatements);
        foreach (var ((day, side, type, category, region, urgency, cluster), (count, quantity)) in daily)
        {
            dailyStatement.Run([day, side, type, category, region, urgency, cluster, count, quantity]);
        }

        var dailyAllStatement = WriterStatement.On(connection, DailyAllSql, DailyAllStatements);
        foreach (var ((day, side), (count, quantity)) in dailyAll)
        {
            dailyAllStatement.Run([day, side, count, quantity]);
        }
    }

    private static void Add<TKey>(Dictionary<TKey, (long, long)> sums, TKey key, long quantity)
        where TKey : notnull
    {
        ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, key, out _);
        sum = (sum.Item1 + 1, sum.Item2 + quantity);
    }
}
