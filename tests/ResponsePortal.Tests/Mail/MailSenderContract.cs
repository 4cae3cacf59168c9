using ResponsePortal.Mail;

namespace ResponsePortal.Tests.Mail;

/// <summary>A mail as a receiver sees it.</summary>
public sealed record ReceivedMail(string To, string Subject, string MessageId, string Text, string Html);

/// <summary>What every <see cref="IMailSender"/> adapter must do. Subclass per adapter (pickup folder, SMTP against maildev).</summary>
public abstract class MailSenderContract : IAsyncLifetime
{
    protected IMailSender Sender { get; private set; } = null!;

    protected abstract Task<IMailSender> CreateSenderAsync();

    /// <summary>
    /// The mails the adapter delivered, as received, once there are at least <paramref name="atLeast"/> (a receiver such
    /// as maildev stores a mail after it acknowledged it, so an adapter with a remote receiver waits for them).
    /// </summary>
    protected abstract Task<IReadOnlyList<ReceivedMail>> ReceivedAsync(int atLeast);

    public async Task InitializeAsync() => Sender = await CreateSenderAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    public static OutgoingMail Sample(string key) => new(
        key, "jana.petersen@example.org", "Jana Petersen", "Vorschlag: 400 FFP2-Masken für „Intensivstation“",
        "Guten Tag,\r\nMenge: 400 Stück.\r\nAnnehmen: http://localhost:7071/respond/m-1?party=offer&action=accept\r\n",
        "<p>Guten Tag,</p><p>Menge: 400 Stück.</p><p><a href=\"http://localhost:7071/respond/m-1\">Annehmen</a></p>", "de");

    [Fact]
    public async Task A_sent_mail_arrives_with_recipient_subject_both_parts_and_the_deterministic_message_id()
    {
        var mail = Sample("m-0123.offer.proposed");

        await Sender.SendAsync(mail, default);

        var received = Assert.Single(await ReceivedAsync(atLeast: 1));
        Assert.Contains("jana.petersen@example.org", received.To, StringComparison.Ordinal);
        Assert.Equal(mail.Subject, received.Subject);
        Assert.Equal(mail.MessageId.Trim('<', '>'), received.MessageId.Trim('<', '>'));
        Assert.Contains("Menge: 400 Stück.", received.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=", received.Html, StringComparison.Ordinal);
    }
}
