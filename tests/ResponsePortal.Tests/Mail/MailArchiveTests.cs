using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResponsePortal.Blobs;
using ResponsePortal.Mail;
using ResponsePortal.Tests.Admin;
using ResponsePortal.Tests.Pipeline;

namespace ResponsePortal.Tests.Mail;

/// <summary>The portal's mail sender keeps one archived copy per sent mail; archiving trouble never fails or repeats a send.</summary>
public sealed class MailArchiveTests : IAsyncLifetime
{
    private readonly AdminPortalFactory _portal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Every_sent_mail_is_archived_once_by_day_and_key_and_the_admin_page_lists_it()
    {
        var sender = _portal.Services.GetRequiredService<IMailSender>();
        var blobs = _portal.Services.GetRequiredService<IBlobStore>();

        await sender.SendAsync(MailSenderContract.Sample("m-0001.offer.proposed"), default);
        await sender.SendAsync(MailSenderContract.Sample("m-0001.request.proposed"), default);
        // A retry of the same mail (the notifier after a crash) leaves one copy, as it leaves one pickup file.
        await sender.SendAsync(MailSenderContract.Sample("m-0001.offer.proposed"), default);

        var archived = await blobs.ListAsync(BlobContainers.Mail, "", default);
        var day = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([$"{day}/m-0001.offer.proposed.eml", $"{day}/m-0001.request.proposed.eml"], archived.Select(e => e.Name));
        Assert.All(archived, e => Assert.Equal(MailArchive.ContentType, e.ContentType));
        Assert.Equal(2, Directory.GetFiles(PickupMailbox.FolderOf(_portal.DataDirectory), "*.eml").Length);

        using var admin = _portal.CreateClientAs("admin");
        var list = WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri("/admin/mail", UriKind.Relative)));
        Assert.Contains("href=\"/admin/mail/m-0001.offer.proposed\"", list, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/mail/m-0001.request.proposed\"", list, StringComparison.Ordinal);
        Assert.Contains("Sent mail (archive)", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_archive_is_logged_and_the_mail_still_counts_as_sent_once()
    {
        var inner = new CountingSender();
        var archive = new MailArchive(new BrokenBlobStore(), TimeProvider.System, Options.Create(new SmtpOptions()));
        var sender = new ArchivingMailSender(inner, archive, NullLogger<ArchivingMailSender>.Instance);

        await sender.SendAsync(MailSenderContract.Sample("m-0002.offer.proposed"), default);

        Assert.Equal(1, inner.Sent);
    }

    private sealed class CountingSender : IMailSender
    {
        public int Sent { get; private set; }

        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
        {
            Sent++;
            return Task.CompletedTask;
        }
    }

    private sealed class BrokenBlobStore : IBlobStore
    {
        public Task PutAsync(string container, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken) =>
            throw new IOException("storage is down");

        public Task<BlobContent?> GetAsync(string container, string name, CancellationToken cancellationToken) => throw new IOException("storage is down");

        public Task<IReadOnlyList<BlobEntry>> ListAsync(string container, string prefix, CancellationToken cancellationToken) => throw new IOException("storage is down");

        public Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken) => throw new IOException("storage is down");
    }
}
