using Microsoft.Extensions.Options;

namespace ResponsePortal.Pipeline;

/// <summary>
/// The embedded mode's stand-in for the Functions host: for every handler, a few loops that lease messages, call the
/// handler, and complete the messages together with the handler's outputs in one transaction. A failure releases the
/// message for a retry after an exponential backoff; after <see cref="PipelineOptions.MaxAttempts"/> it is dead-lettered.
/// New work wakes the loops through <see cref="WorkSignal"/>; the poll only catches expired leases and due retries.
/// </summary>
public sealed partial class WorkRunner(
    IEnumerable<IWorkHandler> handlers,
    IWorkLeases leases,
    WorkSignal signal,
    IOptions<PipelineOptions> options,
    ILogger<WorkRunner> logger) : BackgroundService
{
    private readonly PipelineOptions _options = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.RunWorkers)
        {
            return Task.CompletedTask;
        }

        var loops = new List<Task>();
        foreach (var handler in handlers)
        {
            for (var i = 0; i < _options.WorkersFor(handler.Queue); i++)
            {
                loops.Add(Task.Run(() => RunLoopAsync(handler, stoppingToken), stoppingToken));
            }
        }

        return Task.WhenAll(loops);
    }

    private async Task RunLoopAsync(IWorkHandler handler, CancellationToken stoppingToken)
    {
        var batchSize = handler is IBatchWorkHandler batch ? Math.Max(1, batch.MaxBatchSize) : 1;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Read the signal before looking, so work committed while we look still wakes us.
            var signalled = signal.CurrentFor(handler.Queue);
            try
            {
                var work = await leases.LeaseAsync(handler.Queue, batchSize, _options.LeaseTime, stoppingToken).ConfigureAwait(false);
                if (work.Count == 0)
                {
                    if (!await WaitForWorkAsync(signalled, stoppingToken).ConfigureAwait(false))
                    {
                        continue;
                    }

                    // Woken by new work. Under a stream of submissions more commits land within milliseconds: for a batch
                    // handler, let them gather so one lease, one handler run and one completion cover the burst instead of
                    // a write transaction pair per commit. A quiet portal pays the linger once per burst.
                    if (batchSize > 1 && _options.BatchLinger > TimeSpan.Zero)
                    {
                        await Task.Delay(_options.BatchLinger, stoppingToken).ConfigureAwait(false);
                    }

                    continue;
                }

                await ProcessAsync(handler, work, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must survive a failing database call; the message comes back when its lease runs out.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.LoopFailed(logger, exception, handler.Queue);
                await Task.Delay(_options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>True when <paramref name="signalled"/> fired, false when the poll interval ran out first.</summary>
    private async Task<bool> WaitForWorkAsync(Task signalled, CancellationToken stoppingToken)
    {
        try
        {
            // WaitAsync drops its timer when the signal comes first; Task.Delay would leave one pending per wake-up.
            await signalled.WaitAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task ProcessAsync(IWorkHandler handler, IReadOnlyList<LeasedWork> work, CancellationToken stoppingToken)
    {
        IReadOnlyList<WorkMessage> outputs;
        try
        {
            outputs = handler is IBatchWorkHandler batch && work.Count > 1
                ? await batch.HandleBatchAsync(work.Select(w => w.Message).ToList(), stoppingToken).ConfigureAwait(false)
                : await handler.HandleAsync(work[0].Message, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            foreach (var item in work)
            {
                Log.HandlerFailed(logger, exception, handler.Queue, item.Id, item.Attempts);
                await leases.FailAsync(item, exception.GetType().Name + ": " + exception.Message,
                    PipelineOptions.Backoff(_options, item.Attempts), _options.MaxAttempts, stoppingToken).ConfigureAwait(false);
            }

            return;
        }

        await leases.CompleteAsync(work, outputs, stoppingToken).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Handler for queue {Queue} failed on work item {Id} (attempt {Attempts})")]
        public static partial void HandlerFailed(ILogger logger, Exception exception, string queue, long id, int attempts);

        [LoggerMessage(Level = LogLevel.Error, Message = "Work loop for queue {Queue} failed; retrying")]
        public static partial void LoopFailed(ILogger logger, Exception exception, string queue);
    }
}
