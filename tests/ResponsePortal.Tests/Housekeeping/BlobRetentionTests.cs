using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResponsePortal.Blobs;
using ResponsePortal.Blobs.Folder;
using ResponsePortal.Export;
using ResponsePortal.Housekeeping;
using ResponsePortal.Mail;

namespace ResponsePortal.Tests.Housekeeping;

/// <summary>
/// Archived mails (contact data of both sides) and kept export snapshots go once their retention has passed; what is
/// younger, attachments and names that carry no day stay. Mails are written by the real <see cref="MailArchive"/>, so a
/// change of its naming would show here.
/// </summary>
public sealed class BlobRetentionTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "portal-retention-tests", Guid.NewGuid().ToString("N"));
    private readonly FolderBlobStore _blobs;
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    public BlobRetentionTests() => _blobs = new FolderBlobStore(_root);

    public void Dispose()
    {
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

        var (mails, snapshots) = await Retention().RunOnceAsync(None);

        Assert.Equal((1, 1), (mails, snapshots));
        Assert.Equal(["last-day", "today"], (await MailKeys()).Order(StringComparer.Ordinal));
        Assert.Equal(["2025-11-22T10-00-00Z-matches.csv", "notes.txt"], await Names(BlobContainers.Exports));
        Assert.Single(await ExportSnapshots.ListAsync(_blobs, None));
        Assert.NotNull(await _blobs.GetAsync(BlobContainers.Attachments, "2020-01-01/cert.pdf", None));
    }

    [Fact]
    public async Task The_periods_are_settings_and_zero_keeps_everything()
    {
        await ArchiveMailOn(new DateOnly(2026, 11, 20), "two-days");
        await ArchiveMailOn(new DateOnly(2020, 1, 1), "years");
        await PutSnapshot("2020-01-01T00-00-00Z-listings.csv");

        var (mails, snapshots) = await Retention(("Portal:Retention:MailDays", "1"), ("Portal:Retention:ExportDays", "0")).RunOnceAsync(None);

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
    [InlineData("2026-11-22/abc.eml", "2026-11-22")]
    [InlineData("2026-11-22T10-00-00Z-listings.csv", "2026-11-22")]
    [InlineData("2026-13-01/abc.eml", null)]
    [InlineData("notes.txt", null)]
    [InlineData("", null)]
    public void The_day_comes_from_the_start_of_the_name(string name, string? day) =>
        Assert.Equal(day, BlobRetention.DayOf(name)?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    private BlobRetention Retention(params (string Key, string Value)[] settings) =>
        new(_blobs, _clock, new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(),
            NullLogger<BlobRetention>.Instance);

    private async Task ArchiveMailOn(DateOnly day, string key)
    {
        var archive = new MailArchive(_blobs, new FixedClock(new DateTimeOffset(day, new TimeOnly(12, 0), TimeSpan.Zero)), Options.Create(new SmtpOptions()));
        await archive.StoreAsync(new OutgoingMail(key, "jana@example.org", "Jana", "Subject", "Text", "<p>Text</p>", "de"), None);
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
