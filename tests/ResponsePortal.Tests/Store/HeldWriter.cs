using Microsoft.Data.Sqlite;

namespace ResponsePortal.Tests.Store;

/// <summary>
/// Holds the single writer with a write that blocks until <see cref="ReleaseAsync"/>, so the writes queued meanwhile all
/// go into the commit after it: the way tests put several writes into one commit group.
/// </summary>
internal sealed class HeldWriter : IDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private Task _holding = Task.CompletedTask;

    /// <param name="enqueue">The writer's way in: <c>SqlitePortalDatabase.ExecuteInWriteTransactionAsync</c> or <c>GroupCommitWriter.EnqueueAsync</c>.</param>
    public static async Task<HeldWriter> HoldAsync(Func<Func<SqliteConnection, SqliteTransaction, int>, CancellationToken, Task<int>> enqueue)
    {
        var held = new HeldWriter();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        held._holding = enqueue((_, _) =>
        {
            started.SetResult();
            held._release.Wait(TimeSpan.FromSeconds(30));
            return 0;
        }, CancellationToken.None);
        await started.Task;
        return held;
    }

    /// <summary>Lets the holding write commit (alone: the others queued after the writer took it) and waits for that.</summary>
    public async Task ReleaseAsync()
    {
        _release.Set();
        await _holding;
    }

    public void Dispose()
    {
        _release.Set();
        _release.Dispose();
    }
}
