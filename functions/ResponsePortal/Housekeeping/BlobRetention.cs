using System.Globalization;
using ResponsePortal.Blobs;
using ResponsePortal.Export;
using ResponsePortal.Listings;
using ResponsePortal.Mail;
using ResponsePortal.Store;

namespace ResponsePortal.Housekeeping;

/// <summary>
/// Deletes archived mails older than <c>Portal:Retention:MailDays</c>, kept export snapshots older than
/// <c>Portal:Retention:ExportDays</c>, and the certificates of listings withdrawn or expired more than
/// <c>Portal:Retention:AttachmentDays</c> ago (0 keeps a kind for ever). The archived mails carry the names, e-mail
/// addresses and phone numbers of both sides of every match, so they are kept only as long as admins need them to
/// check what was sent (data minimisation); a closed listing's certificates help nobody once the listing is over.
/// Without this, all three containers would also grow for as long as the crisis lasts.
/// </summary>
/// <remarks>
/// Runs with the housekeeping interval in the embedded mode and inside the Housekeeping timer in Azure mode
/// (<c>PipelineFunctions</c>). It only lists and deletes through the blob port and reads listings through the store
/// port, so every adapter behaves alike.
/// </remarks>
public sealed partial class BlobRetention(IBlobStore blobs, IListingStore listings, TimeProvider time, IConfiguration configuration, ILogger<BlobRetention> logger)
    : BackgroundService
{
    public const int DefaultMailDays = 180;
    public const int DefaultExportDays = 365;
    public const int DefaultAttachmentDays = 90;

    /// <summary>One sweep of the three containers; how many mails, snapshots and certificates it deleted.</summary>
    public async Task<(int Mails, int Snapshots, int Attachments)> RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var mailDays = Days("MailDays", DefaultMailDays);
        var exportDays = Days("ExportDays", DefaultExportDays);
        var attachmentDays = Days("AttachmentDays", DefaultAttachmentDays);
        var mails = await DeleteOlderAsync(BlobContainers.Mail, mailDays, today, cancellationToken).ConfigureAwait(false);
        var snapshots = await DeleteOlderAsync(BlobContainers.Exports, exportDays, today, cancellationToken).ConfigureAwait(false);
        var attachments = await DeleteClosedListingsAttachmentsAsync(attachmentDays, today, cancellationToken).ConfigureAwait(false);
        return (mails, snapshots, attachments);
    }

    /// <summary>
    /// The UTC day a mail or snapshot was written, as its owner reads its own names (<see cref="MailArchive.DayOf"/>,
    /// <see cref="ExportSnapshots.Parse"/>). Null for any other name or container, which the sweep leaves alone.
    /// </summary>
    internal static DateOnly? DayOf(string container, string name) => container switch
    {
        BlobContainers.Mail => MailArchive.DayOf(name),
        BlobContainers.Exports => ExportSnapshots.Parse(new BlobEntry(name, 0, "")) is { } snapshot ? DateOnly.FromDateTime(snapshot.TakenAt.UtcDateTime) : null,
        _ => null,
    };

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        HousekeepingTimer.RunAsync(configuration, time, async ct =>
        {
            var (mails, snapshots, attachments) = await RunOnceAsync(ct).ConfigureAwait(false);
            if (mails + snapshots + attachments > 0)
            {
                Log.Deleted(logger, mails, snapshots, attachments);
            }
        }, exception => Log.Failed(logger, exception), stoppingToken);

    /// <summary>The mail archive's retention in days (0: for ever), or null when the setting is not a whole number.</summary>
    public static int? MailDays(IConfiguration configuration) => ParseDays(configuration, "MailDays", DefaultMailDays);

    /// <summary>Days a closed listing's certificates stay (0: for ever), or null when the setting is not a whole number.</summary>
    public static int? AttachmentDays(IConfiguration configuration) => ParseDays(configuration, "AttachmentDays", DefaultAttachmentDays);

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
            if (DayOf(container, entry.Name) is { } day && day < oldestKept && await blobs.DeleteAsync(container, entry.Name, cancellationToken).ConfigureAwait(false))
            {
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>
    /// Certificates are named <c>{listingId}/{attachmentId}-{name}</c> (<c>Attachments/</c>), so the listing comes from
    /// the name. A listing withdrawn or expired counts as closed since its last change (withdrawal and expiry are its
    /// last changes: a closed listing cannot be edited). Prefixes of listings the store does not know are left alone.
    /// </summary>
    private async Task<int> DeleteClosedListingsAttachmentsAsync(int days, DateOnly today, CancellationToken cancellationToken)
    {
        if (days <= 0)
        {
            return 0;
        }

        var byListing = (await blobs.ListAsync(BlobContainers.Attachments, "", cancellationToken).ConfigureAwait(false))
            .Where(e => e.Name.Contains('/', StringComparison.Ordinal))
            .GroupBy(e => e.Name[..e.Name.IndexOf('/', StringComparison.Ordinal)], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Name).ToList(), StringComparer.Ordinal);
        var deleted = 0;
        foreach (var chunk in byListing.Keys.Chunk(200))
        {
            foreach (var listing in await listings.FindManyAsync(chunk, cancellationToken).ConfigureAwait(false))
            {
                var closedOn = DateOnly.FromDateTime(listing.UpdatedAt.UtcDateTime);
                if (listing.Status is ListingStatus.Withdrawn or ListingStatus.Expired && closedOn < today.AddDays(-days))
                {
                    foreach (var name in byListing[listing.Id])
                    {
                        deleted += await blobs.DeleteAsync(BlobContainers.Attachments, name, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                    }
                }
            }
        }

        return deleted;
    }

    /// <summary>Logs a failed sweep; the Azure timer reports it this way without failing its invocation.</summary>
    internal static void LogFailure(ILogger logger, Exception exception) => Log.Failed(logger, exception);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Mails} archived mails, {Snapshots} export snapshots and {Attachments} certificates of closed listings deleted")]
        public static partial void Deleted(ILogger logger, int mails, int snapshots, int attachments);

        [LoggerMessage(Level = LogLevel.Error, Message = "Retention sweep failed; next run at the next tick")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
