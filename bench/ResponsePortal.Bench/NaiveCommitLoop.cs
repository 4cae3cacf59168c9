using System.Diagnostics;
using Microsoft.Data.Sqlite;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Bench;

/// <summary>
/// The reference the store and queue benchmarks compare against: the obvious way to write durably, one transaction and
/// one fsync per row (WAL, synchronous=FULL), on a file whose schema the real store created.
/// </summary>
internal static class NaiveCommitLoop
{
    /// <summary>Runs <paramref name="insertOne"/> (given the running count) in its own transaction until <paramref name="duration"/> is over.</summary>
    public static (long Rows, TimeSpan Elapsed) Run(string directory, TimeSpan duration, Action<SqliteConnection, SqliteTransaction, long> insertOne)
    {
        SqlitePortalDatabase.Open(new PortalStorageOptions { DataDirectory = directory }).DisposeAsync().AsTask().GetAwaiter().GetResult();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, SqlitePortalDatabase.FileName)};Pooling=False");
        connection.Open();
        using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";
            pragmas.ExecuteNonQuery();
        }

        long rows = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            using var transaction = connection.BeginTransaction();
            insertOne(connection, transaction, rows);
            transaction.Commit();
            rows++;
        }

        return (rows, clock.Elapsed);
    }
}
