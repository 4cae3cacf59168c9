using System.Globalization;
using Microsoft.Extensions.Options;
using ResponsePortal.Blobs;

namespace ResponsePortal.Mail;

/// <summary>
/// A copy of every sent mail as an .eml blob in <see cref="BlobContainers.Mail"/>, named <c>{yyyy-MM-dd}/{key}.eml</c>
/// (the UTC day of sending): one folder per day for whoever audits or cleans up, and a second send of the same key on
/// the same day replaces its copy instead of adding one. Only through <see cref="IBlobStore"/>, so the admin page reads
/// the same archive embedded (folder) and on Azure (Blob Storage), whichever adapter sent the mail.
/// </summary>
public sealed class MailArchive(IBlobStore blobs, TimeProvider time, IOptions<SmtpOptions> smtp)
{
    public const string ContentType = "message/rfc822";

    public async Task StoreAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var day = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var eml = MailMessages.ToEml(mail, smtp.Value.From);
        await blobs.PutAsync(BlobContainers.Mail, $"{day}/{PickupFolderMailSender.FileNameFor(mail.Key)}", eml, ContentType, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The newest <paramref name="max"/> mails, newest first, without their text. Reads the days newest first and stops
    /// when it has enough, so the page costs one name list plus at most <paramref name="max"/> small reads.
    /// </summary>
    public async Task<IReadOnlyList<PickupMail>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var entries = await blobs.ListAsync(BlobContainers.Mail, "", cancellationToken).ConfigureAwait(false);
        var mails = new List<PickupMail>();
        foreach (var day in entries.Where(e => e.Name.EndsWith(".eml", StringComparison.Ordinal)).GroupBy(e => e.Name.Split('/')[0]).OrderByDescending(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var entry in day)
            {
                if (await ReadAsync(entry.Name, withText: false, cancellationToken).ConfigureAwait(false) is { } mail)
                {
                    mails.Add(mail);
                }
            }

            if (mails.Count >= max)
            {
                break;
            }
        }

        return [.. mails.OrderByDescending(m => m.WrittenAt).Take(max)];
    }

    /// <summary>The newest archived mail with this key, with its text; null when there is none.</summary>
    public async Task<PickupMail?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var suffix = "/" + PickupFolderMailSender.FileNameFor(key);
        var entries = await blobs.ListAsync(BlobContainers.Mail, "", cancellationToken).ConfigureAwait(false);
        // Compared with names the store listed, so a key like "../x" matches nothing rather than reaching the store.
        var name = entries.Select(e => e.Name).Where(n => n.EndsWith(suffix, StringComparison.Ordinal) && n.IndexOf('/', StringComparison.Ordinal) == n.Length - suffix.Length)
            .OrderDescending(StringComparer.Ordinal).FirstOrDefault();
        return name is null ? null : await ReadAsync(name, withText: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The UTC day a mail was archived, from its name <c>{yyyy-MM-dd}/{key}.eml</c>; null for any other name.</summary>
    internal static DateOnly? DayOf(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && DateOnly.TryParseExact(name.AsSpan(0, slash), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
    }

    private async Task<PickupMail?> ReadAsync(string name, bool withText, CancellationToken cancellationToken)
    {
        if (await blobs.GetAsync(BlobContainers.Mail, name, cancellationToken).ConfigureAwait(false) is not { } blob)
        {
            return null; // deleted between listing and reading
        }

        var day = DayOf(name) is { } written ? new DateTimeOffset(written, TimeOnly.MinValue, TimeSpan.Zero) : DateTimeOffset.UnixEpoch;
        var key = Path.GetFileNameWithoutExtension(name[(name.IndexOf('/', StringComparison.Ordinal) + 1)..]);
        return PickupMailReader.Parse(key, System.Text.Encoding.UTF8.GetString(blob.Data.Span), day, withText);
    }
}
