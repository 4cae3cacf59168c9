using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResponsePortal.Blobs;
using ResponsePortal.Blobs.Folder;
using ResponsePortal.Export;
using ResponsePortal.Housekeeping;
using ResponsePortal.Listings;
using ResponsePortal.Mail;
using ResponsePortal.Store.Sqlite;
using ResponsePortal.Tests.Support;

namespace ResponsePortal.Tests.Housekeeping;

/// <summary>
/// Archived mails (contact data of both sides), kept export snapshots and closed listings' certificates go once their
/// retention has passed; what is younger, open listings' certificates and names that carry no day stay. Mails are
/// written by the real <see cref="MailArchive"/>, so a change of its naming would show here.
/// </summary>
public sealed class BlobRetentionTests : IAsyncDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "portal-retention-tests", Guid.NewGuid().ToString("N"));
    private readonly FolderBlobStore _blobs;
    private readonly SqliteListingStore _listings;
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    public BlobRetentionTests()
    {
        _blobs = new FolderBlobStore(Path.Combine(_root, "blobs"));
        _listings = SqliteListingStore.Open(new PortalStorageOptions { DataDirectory = Path.Combine(_root, "db") });
    }

    public async ValueTask DisposeAsync()
    {
        await _listings.DisposeAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Mails_and_snapshots_past_their_retention_are_deleted_and_the_rest_is_kept()
    {
        await ArchiveMailOn(new DateOnly(2026, 5, 25), "old");        // 181 days before today: past 180 days
        await ArchiveMailOn(new DateOnly(2026, 5, 26), "last-day");   // 180 days before today: its last day
        await ArchiveMailOn(new DateOnly(2026, 11, 22), "today");
        await PutSnapshot("2025-11-21T10-00-00Z-listings.csv");       // 366 days: past 365
        await PutSnapshot("2025-11-22T10-00-00Z-matches.csv");        // 365 days: kept
        await _blobs.PutAsync(BlobContainers.Exports, "notes.txt", "x"u8.ToArray(), "text/plain", None);
        await _blobs.PutAsync(BlobContainers.Attachments, "2020-01-01/cert.pdf", "%PDF"u8.ToArray(), "application/pdf", None);

        var (mails, snapshots, attachments) = await Retention().RunOnceAsync(None);

        Assert.Equal((1, 1, 0), (mails, snapshots, attachments));
        Assert.Equal(["last-day", "today"], (await MailKeys()).Order(StringComparer.Ordinal));
        Assert.Equal(["2025-11-22T10-00-00Z-matches.csv", "notes.txt"], await Names(BlobContainers.Exports));
        Assert.Single(await ExportSnapshots.ListAsync(_blobs, None));
        Assert.NotNull(await _blobs.GetAsync(BlobContainers.Attachments, "2020-01-01/cert.pdf", None));
    }

    [Fact]
    public async Task Certificates_go_90_days_after_their_listing_was_withdrawn_or_expired_and_stay_while_it_is_open()
    {
        var open = await Listing(ListingStatus.Open, closedOn: new DateOnly(2026, 1, 1));
        var withdrawnLongAgo = await Listing(ListingStatus.Withdrawn, closedOn: new DateOnly(2026, 8, 23));  // 91 days
        var expiredLongAgo = await Listing(ListingStatus.Expired, closedOn: new DateOnly(2026, 8, 1));
        var withdrawnRecently = await Listing(ListingStatus.Withdrawn, closedOn: new DateOnly(2026, 8, 24)); // 90 days: kept
        foreach (var id in new[] { open, withdrawnLongAgo, expiredLongAgo, withdrawnRecently, "o-unknown" })
        {
            await _blobs.PutAsync(BlobContainers.Attachments, $"{id}/0123456789ab-report.pdf", "%PDF"u8.ToArray(), "application/pdf", None);
        }

        await _blobs.PutAsync(BlobContainers.Attachments, $"{withdrawnLongAgo}/ba9876543210-ce.png", "png"u8.ToArray(), "image/png", None);

        var (_, _, attachments) = await Retention().RunOnceAsync(None);

        Assert.Equal(3, attachments);
        string[] kept = [.. new[] { open, withdrawnRecently, "o-unknown" }.Select(id => $"{id}/0123456789ab-report.pdf").Order(StringComparer.Ordinal)];
        Assert.Equal(kept, await Names(BlobContainers.Attachments));
    }

    [Fact]
    public async Task The_periods_are_settings_and_zero_keeps_everything()
    {
        await ArchiveMailOn(new DateOnly(2026, 11, 20), "two-days");
        await ArchiveMailOn(new DateOnly(2020, 1, 1), "years");
        await PutSnapshot("2020-01-01T00-00-00Z-listings.csv");

        var (mails, snapshots, _) = await Retention(("Portal:Retention:MailDays", "1"), ("Portal:Retention:ExportDays", "0")).RunOnceAsync(None);

        Assert.Equal((2, 0), (mails, snapshots));
        Assert.Empty(await MailKeys());
        Assert.Single(await Names(BlobContainers.Exports));
    }

    [Fact]
    public async Task A_period_that_is_not_a_number_of_days_is_refused_naming_the_setting_and_nothing_is_deleted()
    {
        await ArchiveMailOn(new DateOnly(2020, 1, 1), "years");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Retention(("Portal:Retention:MailDays", "half a year")).RunOnceAsync(None));

        Assert.Contains("Portal:Retention:MailDays", error.Message, StringComparison.Ordinal);
        Assert.Single(await MailKeys());
    }

    [Theory]
    [InlineData(BlobContainers.Mail, "2026-11-22/abc.eml", "2026-11-22")]
    [InlineData(BlobContainers.Exports, "2026-11-22T10-00-00Z-listings.csv", "2026-11-22")]
    [InlineData(BlobContainers.Mail, "2026-13-01/abc.eml", null)]
    [InlineData(BlobContainers.Exports, "notes.txt", null)]
    [InlineData(BlobContainers.Exports, "2026-11-22-notes.txt", null)]
    [InlineData(BlobContainers.Mail, "", null)]
    [InlineData(BlobContainers.Attachments, "2026-11-22/cert.pdf", null)]
    public void The_day_comes_from_the_name_as_its_owner_wrote_it(string container, string name, string? day) =>
        Assert.Equal(day, BlobRetention.DayOf(container, name)?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    private BlobRetention Retention(params (string Key, string Value)[] settings) =>
        new(_blobs, _listings, _clock, new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(),
            NullLogger<BlobRetention>.Instance);

    private async Task ArchiveMailOn(DateOnly day, string key)
    {
        var archive = new MailArchive(_blobs, new FixedClock(new DateTimeOffset(day, new TimeOnly(12, 0), TimeSpan.Zero)), Options.Create(new SmtpOptions()));
        await archive.StoreAsync(new OutgoingMail(key, "jana@example.org", "Jana", "Subject", "Text", "<p>Text</p>", "de"), None);
    }

    /// <summary>A stored offer with <paramref name="status"/>, last changed (withdrawn, expired) on <paramref name="closedOn"/>.</summary>
    private async Task<string> Listing(ListingStatus status, DateOnly closedOn)
    {
        var offer = Pipeline.PipelineHarness.Offer(100);
        await _listings.CreateAsync(offer, null, None);
        var closedAt = new DateTimeOffset(closedOn, new TimeOnly(12, 0), TimeSpan.Zero);
        Assert.NotNull(await _listings.UpdateAsync(offer with { Status = status, UpdatedAt = closedAt }, offer.Version, None));
        return offer.Id;
    }

    private Task PutSnapshot(string name) => _blobs.PutAsync(BlobContainers.Exports, name, "id\n"u8.ToArray(), "text/csv", None);

    private async Task<string[]> Names(string container) =>
        [.. (await _blobs.ListAsync(container, "", None)).Select(e => e.Name).Order(StringComparer.Ordinal)];

    private async Task<string[]> MailKeys() =>
        [.. (await _blobs.ListAsync(BlobContainers.Mail, "", None)).Select(e => Path.GetFileNameWithoutExtension(e.Name.Split('/')[1]))];

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
