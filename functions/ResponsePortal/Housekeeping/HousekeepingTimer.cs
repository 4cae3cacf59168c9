namespace ResponsePortal.Housekeeping;

/// <summary>The embedded mode's housekeeping clock, shared by the listings pass and the retention sweep.</summary>
internal static class HousekeepingTimer
{
    /// <summary>
    /// Runs <paramref name="pass"/> at start and then every <c>Portal:Housekeeping:Interval</c> (zero or less: never)
    /// until the host stops. A pass that throws is reported through <paramref name="failed"/>, and the next tick tries again.
    /// </summary>
    public static async Task RunAsync(
        IConfiguration configuration, TimeProvider time, Func<CancellationToken, Task> pass, Action<Exception> failed, CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Portal:Housekeeping:Interval", TimeSpan.FromHours(1));
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await pass(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The timer must survive: the failure is reported and the next tick runs the pass again.
                failed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
