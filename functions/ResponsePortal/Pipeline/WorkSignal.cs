using System.Collections.Concurrent;

namespace ResponsePortal.Pipeline;

/// <summary>
/// Wakes the workers as soon as new work is committed, so the happy path has no poll delay. A waiter takes
/// <see cref="Current"/> (or <see cref="CurrentFor"/> its queue) before it looks for work and waits on it afterwards:
/// a signal in between is not lost.
/// </summary>
/// <remarks>
/// Per queue, so that a committed listing (match work) wakes only the matchers: with one signal for all queues every
/// intake commit also woke every notify worker, each of which ran an empty lease transaction through the single writer.
/// </remarks>
public sealed class WorkSignal
{
    private readonly Slot _any = new();
    private readonly ConcurrentDictionary<string, Slot> _queues = new(StringComparer.Ordinal);

    /// <summary>Completes when work for any queue is signalled after this property was read.</summary>
    public Task Current => _any.Current;

    /// <summary>Completes when work for <paramref name="queue"/> is signalled after this call.</summary>
    public Task CurrentFor(string queue) => SlotFor(queue).Current;

    /// <summary>Work for an unknown set of queues: wakes everyone.</summary>
    public void Notify()
    {
        _any.Notify();
        foreach (var slot in _queues.Values)
        {
            slot.Notify();
        }
    }

    /// <summary>Work for <paramref name="queue"/>: wakes its waiters (and those waiting for any work).</summary>
    public void Notify(string queue)
    {
        _any.Notify();
        SlotFor(queue).Notify();
    }

    private Slot SlotFor(string queue) => _queues.GetOrAdd(queue, static _ => new Slot());

    private sealed class Slot
    {
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Current => Volatile.Read(ref _next).Task;

        public void Notify()
        {
            var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Interlocked.Exchange(ref _next, fresh).TrySetResult();
        }
    }
}
