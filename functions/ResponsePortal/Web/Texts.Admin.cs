namespace ResponsePortal.Web;

/// <summary>Admin pages: dead letters of the work queue and the mail pickup folder.</summary>
public static partial class Texts
{
    public static readonly UiText AdminCaption = new("Administration", "Administration");

    // Dead letters
    public static readonly UiText DeadLettersTitle = new("Failed work (dead letters)", "Fehlgeschlagene Arbeit (Dead Letters)");
    public static readonly UiText DeadLettersLead = new(
        "Work the pipeline gave up on after repeated failures. Retry puts an item back with a fresh attempt count; discard deletes it for good.",
        "Arbeit, die die Pipeline nach wiederholten Fehlern aufgegeben hat. „Erneut versuchen“ stellt einen Eintrag mit frischem Versuchszähler zurück; „Verwerfen“ löscht ihn endgültig.");
    public static readonly UiText DeadLettersEmpty = new("No failed work. Everything was processed.", "Keine fehlgeschlagene Arbeit. Alles wurde verarbeitet.");
    public static readonly UiText DeadLettersInServiceBus = new(
        "This portal runs on Azure: its work queues are the Service Bus queues \"match\" and \"notify\". Failed messages are in their dead-letter subqueues; inspect, resubmit or purge them with the Service Bus explorer in the Azure portal (docs/deploy.md).",
        "Dieses Portal läuft in Azure: Seine Warteschlangen sind die Service-Bus-Queues „match“ und „notify“. Fehlgeschlagene Nachrichten liegen in deren Dead-Letter-Unterwarteschlangen; ansehen, erneut senden oder löschen lassen sie sich mit dem Service-Bus-Explorer im Azure-Portal (docs/deploy.md).");
    public static readonly UiText DeadLettersPending = new("Waiting in the queues: {0}", "Wartend in den Warteschlangen: {0}");
    public static readonly UiText DeadLetterId = new("No.", "Nr.");
    public static readonly UiText DeadLetterQueue = new("Queue", "Warteschlange");
    public static readonly UiText DeadLetterBody = new("Message", "Nachricht");
    public static readonly UiText DeadLetterAttempts = new("Attempts", "Versuche");
    public static readonly UiText DeadLetterError = new("Last error", "Letzter Fehler");
    public static readonly UiText DeadLetterCreated = new("Queued at", "Eingereiht am");
    public static readonly UiText DeadLetterActions = new("Action", "Aktion");
    public static readonly UiText DeadLetterRetry = new("Retry", "Erneut versuchen");
    public static readonly UiText DeadLetterDiscard = new("Discard", "Verwerfen");
    public static readonly UiText DeadLetterRetried = new("Item {0} is back in the queue.", "Eintrag {0} ist wieder in der Warteschlange.");
    public static readonly UiText DeadLetterDiscarded = new("Item {0} was discarded.", "Eintrag {0} wurde verworfen.");
    public static readonly UiText DeadLetterGone = new("Item {0} is no longer in the list.", "Eintrag {0} ist nicht mehr in der Liste.");

    // Mail pickup folder
    public static readonly UiText MailTitle = new("Sent mail (pickup folder)", "Gesendete E-Mails (Abholordner)");
    public static readonly UiText MailLead = new(
        "The mails the portal wrote to its pickup folder, newest first (at most {0}). A mail server or an operator delivers them from there.",
        "Die E-Mails, die das Portal in seinen Abholordner geschrieben hat, neueste zuerst (höchstens {0}). Ein Mailserver oder eine Betreuerin stellt sie von dort zu.");
    public static readonly UiText MailSmtpNote = new(
        "Mail is sent through the SMTP server {0}; the pickup folder only holds mails written before SMTP was configured.",
        "E-Mails gehen über den SMTP-Server {0}; im Abholordner liegen nur E-Mails von vor der SMTP-Einrichtung.");
    public static readonly UiText MailEmpty = new("The pickup folder is empty.", "Der Abholordner ist leer.");
    public static readonly UiText MailSubject = new("Subject", "Betreff");
    public static readonly UiText MailRecipient = new("Recipient", "Empfänger");
    public static readonly UiText MailTime = new("Written at", "Geschrieben am");
    public static readonly UiText MailNotFound = new("There is no such mail in the pickup folder.", "Diese E-Mail gibt es im Abholordner nicht.");
    public static readonly UiText MailBackToList = new("Back to the list", "Zurück zur Liste");
    public static readonly UiText MailKey = new("Key", "Schlüssel");
}
