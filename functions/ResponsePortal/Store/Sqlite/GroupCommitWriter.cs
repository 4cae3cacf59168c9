using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace ResponsePortal.Store.Sqlite;

/// <summary>
/// The only code that writes to the database. Callers queue a unit of work; one long-running loop owns
/// the write connection, takes every write that queued up meanwhile (at most <see cref="MaxBatchSize"/>),
/// runs them in one transaction and commits once. With synchronous=FULL a commit costs one fsync, so a batch
/// of 64 pays for one fsync instead of 64 (group commit), while every caller still only hears "done" after
/// its write is on disk.
/// </summary>
/// <remarks>
/// Each write runs as soon as the loop takes it from the queue, in the batch's open transaction, so the writes that
/// arrive while the loop lingers for more are already done when it commits (the commit waits only for the last ones).
/// A write that throws must not take the others with it. The loop first runs the batch without savepoints (the
/// usual case: nothing throws, and two statements per write are saved); if a write throws, it rolls the whole
/// transaction back and runs the batch again with a SAVEPOINT per write, so only the failing write's statements are
/// undone. Writes therefore must be safe to run twice (they only touch the database and their own locals).
/// </remarks>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    public const int MaxBatchSize = 256;
    private const string Savepoint = "write";

    private readonly SqliteConnection _connection;
    private readonly Channel<PendingWrite> _queue =
        Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private long _committedBatches;
    private long _committedWrites;

    // SAVEPOINT and RELEASE run twice per write: prepared once here instead of parsed again each time
    // (SqliteTransaction.Save and Release build a new command per call). Only the writer loop uses them.
    private readonly SqliteCommand _save;
    private readonly SqliteCommand _release;

    private readonly WriteBatchHooks _hooks;

    public GroupCommitWriter(SqliteConnection connection, WriteBatchHooks? hooks = null)
    {
        _connection = connection;
        _hooks = hooks ?? WriteBatchHooks.None;
        _save = connection.CreateCommand();
        _save.CommandText = "SAVEPOINT " + Savepoint;
        _release = connection.CreateCommand();
        _release.CommandText = "RELEASE " + Savepoint;
        // A dedicated thread: the loop blocks on fsync, which must not starve the thread pool.
        _loop = Task.Factory.StartNew(RunLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the next write transaction and completes after that transaction committed.
    /// If <paramref name="work"/> throws, only its own statements are rolled back and the exception is the task's.
    /// Cancellation only takes effect while the write is still queued: once started, it runs and commits.
    /// </summary>
    public Task<T> EnqueueAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var write = new PendingWrite<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter), "The store is closed; no more writes are accepted.");
        }

        return write.Task;
    }

    /// <summary>Commits so far and the writes they carried: writes / batches is the group-commit factor.</summary>
    public (long Batches, long Writes) Committed => (Interlocked.Read(ref _committedBatches), Interlocked.Read(ref _committedWrites));

    /// <summary>Stops accepting writes, lets the loop finish everything already queued, then returns.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _save.Dispose();
        _release.Dispose();
    }

    private void RunLoop()
    {
        var batch = new List<PendingWrite>(MaxBatchSize);
        var previousBatch = 0;
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            previousBatch = RunBatch(batch, previousBatch);
            batch.Clear();
        }
    }

    /// <summary>Below this many writes in a batch the loop lingers once before committing (see <see cref="RunBatch"/>).</summary>
    private const int LingerBelow = 32;

    /// <summary>
    /// Takes the queued writes into <paramref name="batch"/>, running each at once in the open transaction, and commits them.
    /// Returns how many writes the batch carried.
    /// </summary>
    private int RunBatch(List<PendingWrite> batch, int previousBatch)
    {
        SqliteTransaction? transaction = null;
        try
        {
            var allSucceeded = RunQueued(batch, ref transaction);

            // Adaptive linger: when the last commit carried several writes (callers are writing concurrently) and this
            // batch is still small, wait about a millisecond for the writes that are on their way. A commit costs an fsync
            // and rewrites every page it touched (the same table and index pages for each small batch), so one commit
            // for twice the writes saves both. A lone writer (previous batch of one) never waits. The writes taken so far
            // already ran, so at the commit only the late arrivals are left to run.
            if (allSucceeded && batch.Count is > 0 and < LingerBelow && previousBatch > 1 && !_queue.Reader.Completion.IsCompleted)
            {
                Thread.Sleep(1);
                allSucceeded = RunQueued(batch, ref transaction);
            }

            if (transaction is null)
            {
                return 0; // every queued write was cancelled before it started
            }

            if (!allSucceeded)
            {
                // One write threw: nothing of this transaction may commit, and nobody has been answered yet. The writes still
                // queued join the second run, as they would have joined this one.
                TakeQueued(batch);
                transaction.Rollback();
                transaction.Dispose();
                transaction = null;
                CommitIsolated(batch);
                return batch.Count;
            }

            _hooks.BeforeCommit(_connection, transaction);
            transaction.Commit();
        }
#pragma warning disable CA1031 // The loop must survive: a failed commit fails this batch's callers, and the next batch tries again.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // Nothing of this batch is stored (the transaction rolls back on dispose).
            FailAll(batch, exception);
            return batch.Count;
        }
        finally
        {
            transaction?.Dispose();
        }

        CompleteAll(batch);
        return batch.Count;
    }

    /// <summary>
    /// Takes queued writes until the queue is empty or the batch is full, running each in the open transaction (begun with
    /// the first write). Returns false when a write threw; that write is the batch's last, and the rest stay queued.
    /// </summary>
    private bool RunQueued(List<PendingWrite> batch, ref SqliteTransaction? transaction)
    {
        while (batch.Count < MaxBatchSize && _queue.Reader.TryRead(out var write))
        {
            if (!write.TryStart())
            {
                continue;
            }

            if (transaction is null)
            {
                transaction = _connection.BeginTransaction(deferred: false);
                _hooks.Reset();
            }

            batch.Add(write);
            try
            {
                write.Execute(_connection, transaction);
            }
#pragma warning disable CA1031 // Whose write failed is settled by the isolated second run, which reports it to its caller.
            catch (Exception)
#pragma warning restore CA1031
            {
                return false;
            }
        }

        return true;
    }

    private void TakeQueued(List<PendingWrite> batch)
    {
        while (batch.Count < MaxBatchSize && _queue.Reader.TryRead(out var write))
        {
            if (write.TryStart())
            {
                batch.Add(write);
            }
        }
    }

    /// <summary>
    /// The second run of a batch in which a write threw: each write in its own SAVEPOINT, so a write that throws again is
    /// rolled back and fails alone, and the others commit.
    /// </summary>
    private void CommitIsolated(List<PendingWrite> batch)
    {
        var committed = new List<PendingWrite>(batch.Count);
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            _hooks.Reset();
            _save.Transaction = transaction;
            _release.Transaction = transaction;
            foreach (var write in batch)
            {
                _save.ExecuteNonQuery();
                try
                {
                    write.Execute(_connection, transaction);
                    _release.ExecuteNonQuery();
                    committed.Add(write);
                }
#pragma warning disable CA1031 // Any failure of one write belongs to its caller, not to the batch.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    transaction.Rollback(Savepoint);
                    transaction.Release(Savepoint);
                    write.Fail(exception);
                }
            }

            _hooks.BeforeCommit(_connection, transaction);
            transaction.Commit();
        }
#pragma warning disable CA1031 // As in RunBatch: a failed commit fails the callers whose writes it carried.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            FailAll(committed, exception);
            return;
        }

        CompleteAll(committed);
    }

    private void CompleteAll(List<PendingWrite> committed)
    {
        Interlocked.Increment(ref _committedBatches);
        Interlocked.Add(ref _committedWrites, committed.Count);
        foreach (var write in committed)
        {
            write.Complete();
        }
    }

    private static void FailAll(List<PendingWrite> writes, Exception exception)
    {
        foreach (var write in writes)
        {
            write.Fail(exception);
        }
    }
}

/// <summary>
/// What the database adds to every batch: <see cref="Reset"/> when a batch (or its second attempt) begins, and
/// <see cref="BeforeCommit"/> on the writer's connection after the last write and before COMMIT (where the coalesced
/// rows the batch staged are written; see <c>CommitGroupRows</c>).
/// </summary>
internal sealed record WriteBatchHooks(Action Reset, Action<SqliteConnection, SqliteTransaction> BeforeCommit)
{
    public static WriteBatchHooks None { get; } = new(() => { }, (_, _) => { });
}
