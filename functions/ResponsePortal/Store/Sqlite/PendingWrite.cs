using Microsoft.Data.Sqlite;

namespace ResponsePortal.Store.Sqlite;

/// <summary>
/// One caller's write on its way through <see cref="GroupCommitWriter"/>: queued, claimed by the writer loop (unless the
/// caller cancelled first), run in a batch's transaction, and completed or failed once that transaction committed.
/// </summary>
internal abstract class PendingWrite
{
    private const int Queued = 0, Started = 1, Canceled = 2;
    private int _state;

    /// <summary>Claims the write for execution; false if its caller cancelled first.</summary>
    public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Queued) == Queued;

    protected bool TryCancel() => Interlocked.CompareExchange(ref _state, Canceled, Queued) == Queued;

    public abstract void Execute(SqliteConnection connection, SqliteTransaction transaction);

    public abstract void Complete();

    public abstract void Fail(Exception exception);
}

internal sealed class PendingWrite<T> : PendingWrite
{
    // Continuations run on the pool, never inline on the writer thread.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<SqliteConnection, SqliteTransaction, T> _work;
    private readonly CancellationTokenRegistration _cancellation;
    private T? _result;

    public PendingWrite(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        _work = work;
        _cancellation = cancellationToken.UnsafeRegister(static (state, token) =>
        {
            var write = (PendingWrite<T>)state!;
            if (write.TryCancel())
            {
                write._completion.TrySetCanceled(token);
            }
        }, this);
    }

    public Task<T> Task => _completion.Task;

    public override void Execute(SqliteConnection connection, SqliteTransaction transaction) =>
        _result = _work(connection, transaction);

    public override void Complete()
    {
        _cancellation.Dispose();
        _completion.TrySetResult(_result!);
    }

    public override void Fail(Exception exception)
    {
        _cancellation.Dispose();
        _completion.TrySetException(exception);
    }
}
