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

    private readonly Action<TimeSpan> _sleep;
    private readonly TimeProvider _time;

    /// <param name="sleep">How the loop sleeps while it lingers; tests replace it to see what the loop does meanwhile.</param>
    /// <param name="time">The clock of <see cref="LingerLimit"/>; tests replace it so that their own pace does not count.</param>
    public GroupCommitWriter(SqliteConnection connection, WriteBatchHooks? hooks = null, Action<TimeSpan>? sleep = null, TimeProvider? time = null)
    {
        _connection = connection;
        _hooks = hooks ?? WriteBatchHooks.None;
        _sleep = sleep ?? ShortSleep.For;
        _time = time ?? TimeProvider.System;
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
            Drain(batch);

            // When the last commit carried several writes (callers are writing concurrently) and this batch is still small,
            // linger for the writes that are on their way: a commit costs an fsync and rewrites every page it touched (the
            // same table and index pages for each small batch), so one commit for twice the writes saves both. A lone
            // writer (previous batch of one) never waits.
            if (batch.Count is > 0 and < LingerBelow && previousBatch > 1 && !_queue.Reader.Completion.IsCompleted)
            {
                Linger(batch);
            }

            previousBatch = batch.Count;
            if (batch.Count > 0)
            {
                CommitBatch(batch);
                batch.Clear();
            }
        }
    }

    /// <summary>Below this many writes in a batch the loop lingers before committing (see <see cref="RunLoop"/>).</summary>
    private const int LingerBelow = 32;

    /// <summary>One look for writes on their way: short enough that a burst that has passed costs little waiting.</summary>
    internal static readonly TimeSpan LingerSlice = TimeSpan.FromMicroseconds(150);

    /// <summary>The longest a batch waits for more writes, however steadily they keep arriving.</summary>
    internal static readonly TimeSpan LingerLimit = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Waits in slices of <see cref="LingerSlice"/> for as long as each slice brings new writes, up to <see cref="LingerLimit"/>
    /// or <see cref="LingerBelow"/> writes. It used to sleep one whole millisecond: under 64 concurrent posters that sleep was
    /// 40 % of the writer's time, and at most of its starts no request was left in a handler to bring a write, so the
    /// thread pool ran dry while the writer slept (docs/benchmarks.md, 2026-12-07). Stopping at the first slice
    /// that brings nothing keeps the batches of a burst together and lets a batch go once the burst has passed.
    /// </summary>
    private void Linger(List<PendingWrite> batch)
    {
        var start = _time.GetTimestamp();
        while (true)
        {
            var before = batch.Count;
            _sleep(LingerSlice);
            Drain(batch);
            if (batch.Count == before || batch.Count >= LingerBelow || _time.GetElapsedTime(start) >= LingerLimit)
            {
                return;
            }
        }
    }

    private void Drain(List<PendingWrite> batch)
    {
        while (batch.Count < MaxBatchSize && _queue.Reader.TryRead(out var write))
        {
            if (write.TryStart())
            {
                batch.Add(write);
            }
        }
    }

    private void CommitBatch(List<PendingWrite> batch)
    {
        if (!TryCommit(batch, isolateWrites: false))
        {
            TryCommit(batch, isolateWrites: true);
        }
    }

    /// <summary>
    /// Runs the batch in one transaction and commits it. With <paramref name="isolateWrites"/>, each write runs in its own
    /// SAVEPOINT and a write that throws fails alone; without, the first write that throws rolls everything back and the
    /// result is false (nothing committed, nobody answered), so the caller runs the batch again isolated.
    /// </summary>
    private bool TryCommit(List<PendingWrite> batch, bool isolateWrites)
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
                if (isolateWrites)
                {
                    _save.ExecuteNonQuery();
                }

                try
                {
                    write.Execute(_connection, transaction);
                    if (isolateWrites)
                    {
                        _release.ExecuteNonQuery();
                    }

                    committed.Add(write);
                }
#pragma warning disable CA1031 // Any failure of one write belongs to its caller, not to the batch.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    if (!isolateWrites)
                    {
                        transaction.Rollback();
                        return false;
                    }

                    transaction.Rollback(Savepoint);
                    transaction.Release(Savepoint);
                    write.Fail(exception);
                }
            }

            _hooks.BeforeCommit(_connection, transaction);
            transaction.Commit();
        }
#pragma warning disable CA1031 // The loop must survive: a failed commit fails this batch's callers, and the next batch tries again.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // Nothing of this batch is stored (the transaction rolled back on dispose).
            foreach (var write in batch)
            {
                write.Fail(exception);
            }

            return true;
        }

        Interlocked.Increment(ref _committedBatches);
        Interlocked.Add(ref _committedWrites, committed.Count);
        _hooks.AfterCommit();
        foreach (var write in committed)
        {
            write.Complete();
        }

        return true;
    }
}

/// <summary>
/// What the database adds to every batch: <see cref="Reset"/> when a batch (or its second attempt) begins,
/// <see cref="BeforeCommit"/> on the writer's connection after the last write and before COMMIT (where the coalesced
/// rows the batch staged are written; see <c>CommitGroupRows</c>), and <see cref="AfterCommit"/> once the batch is durable,
/// before its writers hear so.
/// </summary>
internal sealed record WriteBatchHooks(Action Reset, Action<SqliteConnection, SqliteTransaction> BeforeCommit, Action AfterCommit)
{
    public static WriteBatchHooks None { get; } = new(() => { }, (_, _) => { }, () => { });
}
