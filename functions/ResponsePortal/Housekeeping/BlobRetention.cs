using System.Globalization;
using ResponsePortal.Blobs;

namespace ResponsePortal.Housekeeping;

/// <summary>
/// Deletes archived mails older than <c>Portal:Retention:MailDays</c> and kept export snapshots older than
/// <c>Portal:Retention:ExportDays</c> (0 keeps them for ever). The archived mails carry the names, e-mail addresses
/// and phone numbers of both sides of every match, so they are kept only as long as admins need them to check what
/// was sent (data minimisation); without this both containers would also grow for as long as the crisis lasts.
/// </summary>
/// <remarks>
/// Runs with the housekeeping interval in the embedded mode and inside the Housekeeping timer in Azure mode
/// (<c>PipelineFunctions</c>). It only lists and deletes through the blob port, so both blob adapters behave alike.
/// Attachments are not touched: they belong to listings, not to a day.
/// </remarks>
public sealed partial class BlobRetention(IBlobStore blobs, TimeProvider time, IConfiguration configuration, ILogger<BlobRetention> logger)
    : BackgroundService
{
    public const int DefaultMailDays = 180;
    public const int DefaultExportDays = 365;

    /// <summary>One sweep of both containers; how many mails and snapshots it deleted.</summary>
    public async Task<(int Mails, int Snapshots)> RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var mails = await DeleteOlderAsync(BlobContainers.Mail, Days("MailDays", DefaultMailDays), today, cancellationToken).ConfigureAwait(false);
        var snapshots = await DeleteOlderAsync(BlobContainers.Exports, Days("ExportDays", DefaultExportDays), today, cancellationToken).ConfigureAwait(false);
        return (mails, snapshots);
    }

    /// <summary>
    /// The UTC day a blob of these containers was written, from its name: mails are <c>{yyyy-MM-dd}/{key}.eml</c>
    /// (<c>MailArchive</c>), snapshots <c>{yyyy-MM-ddTHH-mm-ssZ}-{kind}.csv</c> (<c>ExportSnapshots</c>). Null for any
    /// other name, which the sweep leaves alone.
    /// </summary>
    internal static DateOnly? DayOf(string name) =>
        name.Length >= 10 && DateOnly.TryParseExact(name.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        HousekeepingTimer.RunAsync(configuration, time, async ct =>
        {
            var (mails, snapshots) = await RunOnceAsync(ct).ConfigureAwait(false);
            if (mails + snapshots > 0)
            {
                Log.Deleted(logger, mails, snapshots);
            }
        }, exception => Log.Failed(logger, exception), stoppingToken);

    /// <summary>The mail archive's retention in days (0: for ever), or null when the setting is not a whole number.</summary>
    public static int? MailDays(IConfiguration configuration) => ParseDays(configuration, "MailDays", DefaultMailDays);

    /// <summary>A setting of whole days; a value that is not one stops the sweep with a message naming the setting.</summary>
    private int Days(string setting, int fallback) =>
        ParseDays(configuration, setting, fallback)
        ?? throw new InvalidOperationException(
            $"Portal:Retention:{setting} is '{configuration["Portal:Retention:" + setting]}'; set a whole number of days (0 keeps everything).");

    private static int? ParseDays(IConfiguration configuration, string setting, int fallback)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration["Portal:Retention:" + setting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) ? days : null;
    }

    private async Task<int> DeleteOlderAsync(string container, int days, DateOnly today, CancellationToken cancellationToken)
    {
        if (days <= 0)
        {
            return 0;
        }

        // Kept for `days` whole days after the day it was written; deleted on the day after.
        var oldestKept = today.AddDays(-days);
        var deleted = 0;
        foreach (var entry in await blobs.ListAsync(container, "", cancellationToken).ConfigureAwait(false))
        {
            if (DayOf(entry.Name) is { } day && day < oldestKept && await blobs.DeleteAsync(container, entry.Name, cancellationToken).ConfigureAwait(false))
            {
                deleted++;
            }
        }

        return deleted;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Mails} archived mails and {Snapshots} export snapshots deleted")]
        public static partial void Deleted(ILogger logger, int mails, int snapshots);

        [LoggerMessage(Level = LogLevel.Error, Message = "Retention sweep failed; next run at the next tick")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
