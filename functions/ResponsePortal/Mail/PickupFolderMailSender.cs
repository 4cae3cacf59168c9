using System.Net.Mail;
using Microsoft.Extensions.Options;
using ResponsePortal.Hosting;

namespace ResponsePortal.Mail;

/// <summary>
/// Writes each mail as <c>{key}.eml</c> into <c>{DataDirectory}/mail-pickup</c>, the folder a local MTA or an operator
/// picks mail up from. Idempotent: the file is written under a temporary name and renamed into place, so the final name
/// either does not exist or holds a whole mail, and a second send of the same key finds it and does nothing.
/// </summary>
public sealed class PickupFolderMailSender : IMailSender
{
    public const string FolderName = "mail-pickup";
    private const string TemporaryFolderName = ".incoming";

    private readonly string _from;

    public PickupFolderMailSender(IOptions<PortalOptions> portal, IOptions<SmtpOptions> smtp)
        : this(Path.Combine(Path.GetFullPath(portal?.Value.DataDirectory ?? ".data"), FolderName), smtp?.Value.From ?? new SmtpOptions().From)
    {
    }

    public PickupFolderMailSender(string folder, string from)
    {
        Folder = folder;
        _from = from;
        RemoveAbandonedStaging(Path.Combine(folder, TemporaryFolderName));
    }

    public string Folder { get; }

    /// <summary>
    /// A process killed between writing a mail and renaming it leaves its staging folder behind. The mail itself is not
    /// lost (its notification is not marked sent, so the retry writes it again), so staging left by an earlier process is
    /// deleted when the sender is created: once per process, as it is a singleton and one portal owns a data directory.
    /// </summary>
    private static void RemoveAbandonedStaging(string staging)
    {
        if (Directory.Exists(staging))
        {
            foreach (var abandoned in Directory.GetDirectories(staging))
            {
                try
                {
                    Directory.Delete(abandoned, recursive: true);
                }
                catch (IOException)
                {
                    // Best effort: a leftover temporary file never becomes a mail.
                }
            }
        }

        Directory.CreateDirectory(staging);
    }

    public static string FileNameFor(string key) => key + ".eml";

    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var target = Path.Combine(Folder, FileNameFor(mail.Key));
        if (File.Exists(target))
        {
            return Task.CompletedTask;
        }

        // SmtpClient's pickup delivery names files by a random GUID: give it a private folder, then rename the one file.
        var staging = Path.Combine(Folder, TemporaryFolderName, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            using (var message = MailMessages.Build(mail, _from))
            using (var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = staging })
            {
                client.Send(message);
            }

            var written = Directory.GetFiles(staging).Single();
            using (var stream = new FileStream(written, FileMode.Open, FileAccess.ReadWrite))
            {
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(written, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                // A concurrent or earlier attempt placed the same mail: keep that one.
            }
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>The mails in the folder, newest first (for the admin page).</summary>
    public IReadOnlyList<FileInfo> List() =>
        new DirectoryInfo(Folder).GetFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc).ToList();
}
