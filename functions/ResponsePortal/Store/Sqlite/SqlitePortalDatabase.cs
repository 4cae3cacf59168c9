using Microsoft.Data.Sqlite;

namespace ResponsePortal.Store.Sqlite;

/// <summary>
/// The embedded mode's database file: opens it (WAL, synchronous=FULL), migrates the schema, and offers
/// the two ways in that every SQLite adapter shares: one group-committing writer and pooled read connections.
/// Adapters that must commit together (a listing change and its queued work) use the same instance.
/// </summary>
public sealed class SqlitePortalDatabase : IAsyncDisposable, IDisposable
{
    public const string FileName = "portal.db";
    private const int BusyTimeoutMilliseconds = 5_000;

    private readonly SqliteConnection _writeConnection;
    private readonly GroupCommitWriter _writer;
    private readonly string _readConnectionString;
    private int _disposed;

    private SqlitePortalDatabase(string path, SqliteConnection writeConnection)
    {
        DatabasePath = path;
        _writeConnection = writeConnection;
        // The commit group's match work is decided when the group is written (CommitGroupRows.Flush), so the group, not each
        // write, wakes the matchers: once it is durable, and only if it queued any.
        var groupQueuedMatchWork = false;
        _writer = new GroupCommitWriter(writeConnection, new WriteBatchHooks(
            () =>
            {
                groupQueuedMatchWork = false;
                CommitGroupRows.BeginBatch();
            },
            (connection, _) => groupQueuedMatchWork = CommitGroupRows.Flush(connection, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
            () =>
            {
                if (groupQueuedMatchWork)
                {
                    WorkSignal.Notify(ResponsePortal.Pipeline.Queues.Match);
                }
            }));
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
        }.ToString();
    }

    public string DatabasePath { get; }

    /// <summary>
    /// Opens (creating if needed) <c>portal.db</c> in the data directory and applies pending migrations.
    /// Throws <see cref="InvalidOperationException"/> with the path in the message when the directory is not writable.
    /// </summary>
    public static SqlitePortalDatabase Open(PortalStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SQLitePCL.Batteries_V2.Init();

        var directory = Path.GetFullPath(options.DataDirectory);
        EnsureWritable(directory);
        var path = Path.Combine(directory, FileName);

        // Not pooled: this connection lives as long as the database object and is closed for real on dispose.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            ConfigureWriteConnection(connection);
            SqliteMigrations.Apply(connection);
        }
        catch (SqliteException exception)
        {
            connection.Dispose();
            throw new InvalidOperationException(
                $"Cannot open the portal database {path}: {exception.Message}. Check Portal:DataDirectory.", exception);
        }

        return new SqlitePortalDatabase(path, connection);
    }

    /// <summary>
    /// The write primitive: <paramref name="work"/> runs on the writer's connection inside a transaction
    /// (in its own savepoint) and the task completes once that transaction is durably committed.
    /// Several adapters' statements in one <paramref name="work"/> commit atomically.
    /// </summary>
    /// <remarks>When <paramref name="work"/> queued work items, <see cref="WorkSignal"/> fires for their queues after the commit.</remarks>
    internal async Task<T> ExecuteInWriteTransactionAsync<T>(
        Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        string[] queuedWork = [];
        var result = await _writer.EnqueueAsync(
            (connection, transaction) =>
            {
                WorkItemRows.ResetInsertedFlag();
                CommitGroupRows.BeginWrite();
                var value = work(connection, transaction);
                CommitGroupRows.WriteSucceeded();
                queuedWork = WorkItemRows.TakeInsertedQueues();
                return value;
            },
            cancellationToken).ConfigureAwait(false);
        foreach (var queue in queuedWork)
        {
            WorkSignal.Notify(queue);
        }

        return result;
    }

    /// <summary>Fires after a committed write queued work, so the in-process workers start at once instead of polling.</summary>
    public ResponsePortal.Pipeline.WorkSignal WorkSignal { get; } = new();

    /// <summary>How many write transactions committed, carrying how many writes (for benchmarks and diagnostics).</summary>
    internal (long Batches, long Writes) CommittedWrites => _writer.Committed;

    /// <summary>A read-only connection from the pool; WAL lets it read a consistent snapshot while the writer commits.</summary>
    internal async Task<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            // Per connection, so set on every open; readers in WAL mode wait only around checkpoints and recovery.
            command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Finishes the writes already queued, then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        // The pooled readers close first, so the writer's connection is the file's last: SQLite then copies the WAL into
        // portal.db and deletes it. Read-only connections cannot do that, so when one of them closed last the WAL and its
        // index stayed beside the database, and a copy of portal.db alone (a backup of a stopped portal) lacked the
        // latest writes.
        using (var pooled = new SqliteConnection(_readConnectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        await _writeConnection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>For hosts that dispose synchronously; the writer loop never needs the caller's context, so this cannot deadlock.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static void ConfigureWriteConnection(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        // WAL: readers never block the writer and a commit appends to one file. It is a property of the file.
        command.CommandText = "PRAGMA journal_mode = WAL";
        var mode = (string?)command.ExecuteScalar();
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite refused WAL mode for {connection.DataSource} (got '{mode}').");
        }

        // FULL: every commit fsyncs the WAL, so a completed write survives power loss, not only a process crash.
        command.CommandText = $"""
            PRAGMA synchronous = FULL;
            PRAGMA busy_timeout = {BusyTimeoutMilliseconds};
            PRAGMA foreign_keys = ON;
            PRAGMA temp_store = MEMORY;
            PRAGMA cache_size = -32768;
            """;
        // temp_store = MEMORY: every write of a group commit runs in its own SAVEPOINT, whose statement journal spilled to
        // a temporary file (open, write, close on the writer thread for every batch). The statement journal only serves
        // rolling back one write inside the open transaction; crash recovery is the WAL's, so durability is unchanged.
        // cache_size 32 MiB (default 2 MiB): the writer touches random pages of the id index on every insert and re-read
        // them from the OS with a syscall each once the index outgrew the cache.
        command.ExecuteNonQuery();
    }

    private static void EnsureWritable(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"The data directory {directory} (Portal:DataDirectory) is not writable: {exception.Message}", exception);
        }
    }
}
