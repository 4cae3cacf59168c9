namespace ResponsePortal.Pipeline;

/// <summary>Settings under <c>Portal:Pipeline</c> for the embedded runner.</summary>
public sealed class PipelineOptions
{
    public const string Section = "Portal:Pipeline";

    /// <summary>Run the in-process workers. Off when the Functions host drives the handlers.</summary>
    public bool RunWorkers { get; set; } = true;

    /// <summary>Concurrent workers per queue, unless <see cref="Workers"/> names the queue.</summary>
    public int WorkersPerQueue { get; set; } = 2;

    /// <summary>
    /// Concurrent workers of a queue (<c>Portal:Pipeline:Workers:notify</c>). The notifier spends its time waiting for
    /// fsyncs (its own mail file, three commits per mail), not on the CPU, and the group-commit writer folds the commits
    /// of concurrent workers into one fsync, so more notify workers raise mail throughput; matchers stay at
    /// <see cref="WorkersPerQueue"/>, since they take micro-batches and parallel runs over one category would only race.
    /// </summary>
    public Dictionary<string, int> Workers { get; } = new(StringComparer.Ordinal) { [Queues.Notify] = 8 };

    public int WorkersFor(string queue) => Math.Max(1, Workers.TryGetValue(queue, out var count) ? count : WorkersPerQueue);

    /// <summary>How long a worker holds a message before it counts as crashed and the message comes back.</summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts before a message goes to the dead-letter list.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>First retry delay; doubles with every attempt (with jitter), capped at <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The fallback poll for expired leases and due retries; new work wakes the workers at once.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a batch handler's worker waits after a wake-up before leasing, so the commits of a burst share one batch.
    /// </summary>
    public TimeSpan BatchLinger { get; set; } = TimeSpan.FromMilliseconds(5);

    public static TimeSpan Backoff(PipelineOptions options, int attempts)
    {
        ArgumentNullException.ThrowIfNull(options);
        var exponent = Math.Min(Math.Max(attempts - 1, 0), 20);
        var delay = options.BaseBackoff.TotalMilliseconds * Math.Pow(2, exponent);
        var jittered = delay * (0.8 + (0.4 * Random.Shared.NextDouble()));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, options.MaxBackoff.TotalMilliseconds));
    }
}
