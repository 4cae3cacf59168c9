namespace ResponsePortal.Mail;

/// <summary>
/// Wraps whichever adapter sends (pickup folder or SMTP) and keeps a copy of each sent mail in the mail archive
/// (<see cref="MailArchive"/>), so the notifier and the sign-in links get the archive without knowing about it.
/// </summary>
public sealed partial class ArchivingMailSender(IMailSender inner, MailArchive archive, ILogger<ArchivingMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);

        // A failed send propagates as before (the caller retries it) and archives nothing: the archive records what left.
        await inner.SendAsync(mail, cancellationToken).ConfigureAwait(false);

        // Once the mail has left, nothing may make SendAsync fail: the caller would record the mail as unsent and send it
        // again (SMTP cannot drop the duplicate). A missing archive copy is the smaller harm, so archiving failures
        // (storage down, a cancelled request) are logged and the send still counts. Not cancellable for the same reason.
        try
        {
            await archive.StoreAsync(mail, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // See above: any archiving failure is logged, never raised.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ArchiveFailed(logger, exception, mail.Key);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {Key} was sent but not archived")]
    private static partial void ArchiveFailed(ILogger logger, Exception exception, string key);
}
