using ResponsePortal.Mail;
using ResponsePortal.Tests.Pipeline;

namespace ResponsePortal.Tests.Mail;

public sealed class PickupFolderMailSenderTests : MailSenderContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rp-pickup-" + Guid.NewGuid().ToString("N"));

    protected override Task<IMailSender> CreateSenderAsync() =>
        Task.FromResult<IMailSender>(new PickupFolderMailSender(PickupMailbox.FolderOf(_directory), "ResponsePortal <noreply@responseportal.invalid>"));

    // The file is in place before SendAsync returns: nothing to wait for.
    protected override Task<IReadOnlyList<ReceivedMail>> ReceivedAsync(int atLeast) => Task.FromResult<IReadOnlyList<ReceivedMail>>(
        PickupMailbox.Read(_directory).Select(m => new ReceivedMail(m.To, Subject(m.Raw), m.MessageId, m.Text, m.Html)).ToList());

    [Fact]
    public async Task Sending_the_same_key_twice_writes_one_file_and_leaves_no_temporary_files()
    {
        await Sender.SendAsync(Sample("k.request.accepted"), default);
        await Sender.SendAsync(Sample("k.request.accepted") with { Text = "changed" }, default);

        var file = Assert.Single(Directory.GetFiles(PickupMailbox.FolderOf(_directory), "*", SearchOption.AllDirectories));
        Assert.Equal("k.request.accepted.eml", Path.GetFileName(file));
        Assert.Contains("Menge", PickupMailbox.Parse(file).Text, StringComparison.Ordinal);
    }

    public override Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The subject is RFC 2047 encoded (UTF-8); decode it the way a mail client would.</summary>
    private static string Subject(string raw)
    {
        var line = System.Text.RegularExpressions.Regex.Match(raw, @"^Subject: (.*(\r?\n[ \t].*)*)", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value;
        var words = System.Text.RegularExpressions.Regex.Matches(line, @"=\?utf-8\?(?<e>[BQ])\?(?<t>[^?]*)\?=", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        return words.Count == 0 ? line.Trim() : string.Concat(words.Select(w => string.Equals(w.Groups["e"].Value, "B", StringComparison.OrdinalIgnoreCase)
            ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(w.Groups["t"].Value))
            : w.Groups["t"].Value));
    }
}
