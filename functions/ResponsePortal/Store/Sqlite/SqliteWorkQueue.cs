using Microsoft.Data.Sqlite;
using ResponsePortal.Pipeline;

namespace ResponsePortal.Store.Sqlite;

/// <summary>
/// The work queue port on the embedded SQLite file. Leasing, completing and failing are writes on the single writer,
/// so two workers can never lease the same ready row; a lease is a deadline in <c>visible_at</c>, so an item whose
/// worker died becomes visible again when the lease runs out.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "The adapter of the IWorkQueue port.")]
public sealed class SqliteWorkQueue(SqlitePortalDatabase database, TimeProvider time) : IWorkQueue, IWorkLeases
{
    public Task EnqueueAsync(IReadOnlyList<WorkMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var now = NowMs();
        return database.ExecuteInWriteTransactionAsync(
            (connection, transaction) =>
            {
                WorkItemRows.InsertAll(connection, transaction, messages, now);
                return 0;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<LeasedWork>> LeaseAsync(string queue, int max, TimeSpan leaseTime, CancellationToken cancellationToken)
    {
        var now = NowMs();
        var until = now + (long)leaseTime.TotalMilliseconds;
        return database.ExecuteInWriteTransactionAsync<IReadOnlyList<LeasedWork>>(
            (connection, transaction) =>
            {
                var leased = new List<LeasedWork>();
                using (var select = Command(connection, transaction, """
                    SELECT id, body, attempts FROM work_items
                    WHERE state = 'ready' AND queue = $queue AND visible_at <= $now
                    ORDER BY visible_at, id LIMIT $max
                    """))
                {
                    select.Parameters.AddWithValue("$queue", queue);
                    select.Parameters.AddWithValue("$now", now);
                    select.Parameters.AddWithValue("$max", max);
                    using var reader = select.ExecuteReader();
                    while (reader.Read())
                    {
                        var token = Guid.NewGuid().ToString("N");
                        leased.Add(new LeasedWork(reader.GetInt64(0), new WorkMessage(queue, reader.GetString(1)), reader.GetInt32(2) + 1, token));
                    }
                }

                using var update = Command(connection, transaction, """
                    UPDATE work_items SET attempts = attempts + 1, lease_token = $token, visible_at = $until WHERE id = $id
                    """);
                var id = update.Parameters.Add("$id", SqliteType.Integer);
                var tokenParameter = update.Parameters.Add("$token", SqliteType.Text);
                update.Parameters.AddWithValue("$until", until);
                foreach (var work in leased)
                {
                    id.Value = work.Id;
                    tokenParameter.Value = work.LeaseToken;
                    update.ExecuteNonQuery();
                }

                return leased;
            },
            cancellationToken);
    }

    public Task CompleteAsync(IReadOnlyList<LeasedWork> work, IReadOnlyList<WorkMessage> outputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(outputs);
        var now = NowMs();
        return database.ExecuteInWriteTransactionAsync(
            (connection, transaction) =>
            {
                var held = 0;
                using (var delete = Command(connection, transaction, "DELETE FROM work_items WHERE id = $id AND lease_token = $token AND state = 'ready'"))
                {
                    var id = delete.Parameters.Add("$id", SqliteType.Integer);
                    var token = delete.Parameters.Add("$token", SqliteType.Text);
                    foreach (var item in work)
                    {
                        id.Value = item.Id;
                        token.Value = item.LeaseToken;
                        held += delete.ExecuteNonQuery();
                    }
                }

                // A lost lease means another worker has (or will) handle the message and produce the same outputs.
                if (held > 0)
                {
                    WorkItemRows.InsertAll(connection, transaction, outputs, now);
                }

                return held;
            },
            cancellationToken);
    }

    public Task FailAsync(LeasedWork work, string failure, TimeSpan retryAfter, int maxAttempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var visibleAt = NowMs() + (long)retryAfter.TotalMilliseconds;
        return database.ExecuteInWriteTransactionAsync(
            (connection, transaction) =>
            {
                using var update = Command(connection, transaction, """
                    UPDATE work_items
                    SET state = CASE WHEN attempts >= $max THEN 'dead' ELSE 'ready' END,
                        visible_at = $visibleAt, lease_token = NULL, last_error = $error
                    WHERE id = $id AND lease_token = $token
                    """);
                update.Parameters.AddWithValue("$max", maxAttempts);
                update.Parameters.AddWithValue("$visibleAt", visibleAt);
                update.Parameters.AddWithValue("$error", failure.Length > 2000 ? failure[..2000] : failure);
                update.Parameters.AddWithValue("$id", work.Id);
                update.Parameters.AddWithValue("$token", work.LeaseToken);
                return update.ExecuteNonQuery();
            },
            cancellationToken);
    }

    public async Task<DateTimeOffset?> NextVisibleAtAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, null, "SELECT MIN(visible_at) FROM work_items WHERE state = 'ready'");
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return value is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        }
    }

    public async Task<IReadOnlyList<DeadWork>> ListDeadAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, null,
                "SELECT id, queue, body, attempts, last_error, created_at FROM work_items WHERE state = 'dead' ORDER BY id");
            var dead = new List<DeadWork>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                dead.Add(new DeadWork(
                    reader.GetInt64(0),
                    new WorkMessage(reader.GetString(1), reader.GetString(2)),
                    reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
            }

            return dead;
        }
    }

    public async Task<bool> RetryDeadAsync(long id, CancellationToken cancellationToken)
    {
        var now = NowMs();
        var retried = await database.ExecuteInWriteTransactionAsync(
            (connection, transaction) =>
            {
                using var update = Command(connection, transaction,
                    "UPDATE work_items SET state = 'ready', attempts = 0, visible_at = $now, lease_token = NULL WHERE id = $id AND state = 'dead'");
                update.Parameters.AddWithValue("$now", now);
                update.Parameters.AddWithValue("$id", id);
                return update.ExecuteNonQuery() == 1;
            },
            cancellationToken).ConfigureAwait(false);
        if (retried)
        {
            database.WorkSignal.Notify();
        }

        return retried;
    }

    public Task<bool> DiscardDeadAsync(long id, CancellationToken cancellationToken) =>
        database.ExecuteInWriteTransactionAsync(
            (connection, transaction) =>
            {
                using var delete = Command(connection, transaction, "DELETE FROM work_items WHERE id = $id AND state = 'dead'");
                delete.Parameters.AddWithValue("$id", id);
                return delete.ExecuteNonQuery() == 1;
            },
            cancellationToken);

    public async Task<IReadOnlyDictionary<string, long>> CountPendingAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, null, "SELECT queue, COUNT(*) FROM work_items WHERE state = 'ready' GROUP BY queue");
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }

            return counts;
        }
    }

    private long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
