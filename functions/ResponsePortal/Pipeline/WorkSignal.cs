namespace ResponsePortal.Pipeline;

/// <summary>
/// Wakes the workers as soon as new work is committed, so the happy path has no poll delay. A waiter takes
/// <see cref="Current"/> before it looks for work and waits on it afterwards: a signal in between is not lost.
/// </summary>
public sealed class WorkSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when work is signalled after this property was read.</summary>
    public Task Current => Volatile.Read(ref _next).Task;

    public void Notify()
    {
        var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _next, fresh).TrySetResult();
    }
}
