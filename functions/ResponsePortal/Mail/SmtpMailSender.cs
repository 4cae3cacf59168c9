using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace ResponsePortal.Mail;

/// <summary>
/// Sends through an SMTP relay (Azure Communication Services in the cloud, any MTA on premises). SMTP cannot be made
/// exactly-once: if the process dies after the server accepted the mail but before the notifier recorded it as sent,
/// the retry sends it again, with the same Message-ID (docs/pipeline.md, "The SMTP window").
/// </summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> options) : IMailSender
{
    private readonly SmtpOptions _options = options.Value;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        using var message = MailMessages.Build(mail, _options.From);
        using var client = new SmtpClient(_options.Host, _options.Port) { EnableSsl = _options.EnableSsl };
        if (!string.IsNullOrEmpty(_options.User))
        {
            client.Credentials = new NetworkCredential(_options.User, _options.Password);
        }

        await client.SendMailAsync(message, cancellationToken).ConfigureAwait(false);
    }
}
