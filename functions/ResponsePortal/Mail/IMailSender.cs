namespace ResponsePortal.Mail;

/// <param name="Key">Unique per (match or listing, party, event): names the pickup file and makes the Message-ID.</param>
/// <param name="Text">The plain-text part; <paramref name="Html"/> is the same content as HTML (multipart/alternative).</param>
public sealed record OutgoingMail(string Key, string ToAddress, string ToName, string Subject, string Text, string Html, string Language)
{
    /// <summary>Deterministic, so a resend after a crash carries the same id and receivers can drop the duplicate.</summary>
    public string MessageId => $"<{Key}@responseportal.invalid>";
}

/// <summary>
/// The mail port: one method. Pickup folder of .eml files by default, SMTP when Portal:Smtp:Host is set.
/// Adapters write idempotently where they can (the pickup folder: a second send of the same key changes nothing).
/// </summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>Settings under <c>Portal:Smtp</c>. An empty Host means the pickup folder.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Portal:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string? User { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "ResponsePortal <noreply@responseportal.invalid>";

    public bool EnableSsl { get; set; }
}
