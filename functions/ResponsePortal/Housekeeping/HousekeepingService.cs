using ResponsePortal.Listings;
using ResponsePortal.Pipeline;
using ResponsePortal.Store;

namespace ResponsePortal.Housekeeping;

/// <summary>
/// Expires listings past their date (the matcher then expires their open proposals, reason no-reply) and, seven days
/// before, queues the "still available / still needed?" reminder (the notifier sends it once per expiry date).
/// A timer here; a timer-triggered function in Azure mode calls the same <see cref="RunOnceAsync"/>.
/// </summary>
public sealed partial class HousekeepingService(IListingStore listings, IWorkQueue queue, TimeProvider time, IConfiguration configuration, ILogger<HousekeepingService> logger)
    : BackgroundService
{
    public const int ReminderDays = 7;

    public async Task<(int Expired, int Reminded)> RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var due = await listings.FindOpenExpiringAsync(today.AddDays(ReminderDays), cancellationToken).ConfigureAwait(false);
        var past = due.Where(listing => listing.ExpiresAt < today).ToList();
        var reminders = due.Where(listing => listing.ExpiresAt >= today)
            .Select(listing => NotifyWork.For(listing.Id, NotifyEvents.ExpiryReminder)).ToList();

        var expired = 0;
        foreach (var listing in past)
        {
            var saved = await listings.UpdateAsync(listing with { Status = ListingStatus.Expired, UpdatedAt = time.GetUtcNow() }, listing.Version, cancellationToken)
                .ConfigureAwait(false);
            expired += saved is null ? 0 : 1;
        }

        if (reminders.Count > 0)
        {
            await queue.EnqueueAsync(reminders, cancellationToken).ConfigureAwait(false);
        }

        return (expired, reminders.Count);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        HousekeepingTimer.RunAsync(configuration, time, async ct =>
        {
            var (expired, reminded) = await RunOnceAsync(ct).ConfigureAwait(false);
            Log.Ran(logger, expired, reminded);
        }, exception => Log.Failed(logger, exception), stoppingToken);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Housekeeping: {Expired} listings expired, {Reminded} reminders queued")]
        public static partial void Ran(ILogger logger, int expired, int reminded);

        [LoggerMessage(Level = LogLevel.Error, Message = "Housekeeping failed; next run at the next tick")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
