namespace ResponsePortal.Tests.Support;

/// <summary>
/// Condition-based waiting for tests that involve other processes or background workers. CI runs the whole suite on a
/// loaded two-core machine, so deadlines are generous; every wait returns as soon as its condition holds, so an idle
/// machine stays fast. Never sleep a fixed time to "let something happen": wait for the thing.
/// </summary>
public static class Eventually
{
    /// <summary>How long anything may take on a loaded CI machine (child process start-up, a mail to arrive).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Calls <paramref name="probe"/> until <paramref name="done"/> holds for its result and returns that result; fails
    /// with <paramref name="what"/> and the last result after <paramref name="timeout"/> (default <see cref="Patience"/>).
    /// A probe that fails transiently (connection refused, request timed out, I/O or database busy) counts as "not yet"
    /// until the deadline, then the exception is reported; any other exception (a failed assertion) ends the wait at once.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + (timeout ?? Patience);
        var pause = interval ?? TimeSpan.FromMilliseconds(25);
        while (true)
        {
            T result;
            try
            {
                result = await probe();
            }
            catch (Exception exception) when (IsTransient(exception) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(pause);
                continue;
            }

            if (done(result))
            {
                return result;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {(timeout ?? Patience).TotalSeconds:F0} s for {what}; last seen: {Describe(result)}");
            }

            await Task.Delay(pause);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> is true.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        UntilAsync(condition, ok => ok, what, timeout, interval);

    private static bool IsTransient(Exception exception) =>
        exception is HttpRequestException or OperationCanceledException or IOException or System.Net.Sockets.SocketException
            or Microsoft.Data.Sqlite.SqliteException;

    private static string Describe<T>(T result) => result switch
    {
        System.Collections.IEnumerable items and not string => $"{items.Cast<object>().Count()} item(s): {string.Join(", ", items.Cast<object>().Take(20))}",
        _ => result?.ToString() ?? "null",
    };
}
