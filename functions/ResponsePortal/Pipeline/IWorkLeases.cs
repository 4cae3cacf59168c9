namespace ResponsePortal.Pipeline;

/// <summary>A leased message: <see cref="LeaseToken"/> proves the lease when completing or failing it.</summary>
public sealed record LeasedWork(long Id, WorkMessage Message, int Attempts, string LeaseToken);

/// <summary>A message that failed too often, kept for an administrator to retry or discard.</summary>
public sealed record DeadWork(long Id, WorkMessage Message, int Attempts, string? LastError, DateTimeOffset CreatedAt);

/// <summary>
/// The consumer side of the embedded work queue, used only by the in-process runner (in Azure mode the Functions host
/// and Service Bus do leasing, retries and dead-lettering).
/// </summary>
public interface IWorkLeases
{
    /// <summary>Leases up to <paramref name="max"/> ready messages of <paramref name="queue"/> for <paramref name="leaseTime"/>.</summary>
    Task<IReadOnlyList<LeasedWork>> LeaseAsync(string queue, int max, TimeSpan leaseTime, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the leased messages and enqueues <paramref name="outputs"/>, in one transaction. A message whose lease
    /// was lost (it expired and someone else took it) is left alone; if none of the leases held, no output is enqueued.
    /// </summary>
    Task CompleteAsync(IReadOnlyList<LeasedWork> work, IReadOnlyList<WorkMessage> outputs, CancellationToken cancellationToken);

    /// <summary>Makes the message visible again after <paramref name="retryAfter"/>, or dead-letters it when it reached the attempt limit.</summary>
    Task FailAsync(LeasedWork work, string failure, TimeSpan retryAfter, int maxAttempts, CancellationToken cancellationToken);

    /// <summary>When the earliest not-yet-visible message of any queue becomes visible, or null when there is none.</summary>
    Task<DateTimeOffset?> NextVisibleAtAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<DeadWork>> ListDeadAsync(CancellationToken cancellationToken);

    /// <summary>Puts a dead message back with a fresh attempt count. False when there is no such dead message.</summary>
    Task<bool> RetryDeadAsync(long id, CancellationToken cancellationToken);

    Task<bool> DiscardDeadAsync(long id, CancellationToken cancellationToken);

    /// <summary>Ready and leased messages per queue (for the admin page and tests).</summary>
    Task<IReadOnlyDictionary<string, long>> CountPendingAsync(CancellationToken cancellationToken);
}
