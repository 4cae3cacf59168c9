namespace ResponsePortal.Pipeline;

/// <summary>
/// The producer side of the work queue port: durable when the task completes. Embedded: rows in the SQLite file
/// (<c>SqliteWorkQueue</c>); Azure: Service Bus through output bindings. Work that must commit together with a state
/// change does not come through here but is written by the store in that change's transaction.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue; the name is the port's name in the design.")]
public interface IWorkQueue
{
    Task EnqueueAsync(IReadOnlyList<WorkMessage> messages, CancellationToken cancellationToken);
}

/// <summary>
/// One pipeline step: a message in, the messages for the next queues out. Handlers are idempotent: the same
/// message handled twice changes nothing the second time. The embedded runner enqueues the outputs in the
/// transaction that completes the message; the Functions invocation endpoint returns them as output bindings.
/// A handler that throws has its message retried with backoff, and dead-lettered after too many attempts.
/// </summary>
public interface IWorkHandler
{
    string Queue { get; }

    Task<IReadOnlyList<WorkMessage>> HandleAsync(WorkMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// A handler that can take several messages at once (the matcher: many listings arriving together are allocated in
/// one run). The runner leases up to <see cref="MaxBatchSize"/> messages and completes them together.
/// </summary>
public interface IBatchWorkHandler : IWorkHandler
{
    int MaxBatchSize { get; }

    Task<IReadOnlyList<WorkMessage>> HandleBatchAsync(IReadOnlyList<WorkMessage> messages, CancellationToken cancellationToken);
}
