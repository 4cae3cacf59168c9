using Microsoft.Data.Sqlite;
using ResponsePortal.Pipeline;

namespace ResponsePortal.Store.Sqlite;

/// <summary>
/// SQL for the <c>work_items</c> table on a connection and transaction the caller owns, so a state change and the work
/// it causes commit together (the embedded stand-in for a change feed: listings -> match work, matches -> notify work).
/// </summary>
internal static class WorkItemRows
{
    // Set on the writer thread when a write queued work, read right after that write ran (same thread), so the
    // database can wake the workers once the transaction is committed. See SqlitePortalDatabase.ExecuteInWriteTransactionAsync.
    [ThreadStatic]
    private static bool t_inserted;

    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, WorkMessage message, long nowMs)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO work_items (queue, body, state, attempts, visible_at, created_at)
            VALUES ($queue, $body, 'ready', 0, $now, $now)
            """;
        command.Parameters.AddWithValue("$queue", message.Queue);
        command.Parameters.AddWithValue("$body", message.Body);
        command.Parameters.AddWithValue("$now", nowMs);
        command.ExecuteNonQuery();
        t_inserted = true;
    }

    public static void InsertAll(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<WorkMessage> messages, long nowMs)
    {
        foreach (var message in messages)
        {
            Insert(connection, transaction, message, nowMs);
        }
    }

    /// <summary>Clears the flag before a write runs.</summary>
    public static void ResetInsertedFlag() => t_inserted = false;

    /// <summary>Whether the write that just ran on this thread queued work.</summary>
    public static bool TakeInsertedFlag()
    {
        var inserted = t_inserted;
        t_inserted = false;
        return inserted;
    }
}
