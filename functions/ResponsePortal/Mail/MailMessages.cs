using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace ResponsePortal.Mail;

/// <summary>Builds the System.Net.Mail message both adapters send: text and HTML as multipart/alternative, base64 UTF-8.</summary>
internal static class MailMessages
{
    public static MailMessage Build(OutgoingMail mail, string from)
    {
        var message = new MailMessage
        {
            From = new MailAddress(from),
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        try
        {
            message.To.Add(new MailAddress(mail.ToAddress, mail.ToName, Encoding.UTF8));
            message.Headers.Add("Message-ID", mail.MessageId);
            message.Headers.Add("Content-Language", mail.Language);
            var text = AlternateView.CreateAlternateViewFromString(mail.Text, Encoding.UTF8, MediaTypeNames.Text.Plain);
            text.TransferEncoding = TransferEncoding.Base64;
            var html = AlternateView.CreateAlternateViewFromString(mail.Html, Encoding.UTF8, MediaTypeNames.Text.Html);
            html.TransferEncoding = TransferEncoding.Base64;
            message.AlternateViews.Add(text);
            message.AlternateViews.Add(html);
            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The mail as the .eml bytes System.Net.Mail writes (the same the pickup folder holds), for the archive. SmtpClient
    /// writes .eml files only into a pickup directory, so it gets a private temporary one for this one file.
    /// </summary>
    public static byte[] ToEml(OutgoingMail mail, string from)
    {
        var staging = Path.Combine(Path.GetTempPath(), "rp-eml-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            using (var message = Build(mail, from))
            using (var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = staging })
            {
                client.Send(message);
            }

            return File.ReadAllBytes(Directory.GetFiles(staging).Single());
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }
}
