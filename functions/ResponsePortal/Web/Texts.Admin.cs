namespace ResponsePortal.Web;

/// <summary>Admin pages: dead letters of the work queue and the mail pickup folder.</summary>
public static partial class Texts
{
    public static readonly UiText AdminCaption = new("Administration", "Administration");
    public static readonly UiText AdminNavMail = new("Sent mail", "Gesendete E-Mails");
    public static readonly UiText AdminNavDeadLetters = new("Failed work", "Fehlgeschlagene Arbeit");

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

    // Mail archive
    public static readonly UiText MailTitle = new("Sent mail (archive)", "Gesendete E-Mails (Archiv)");
    public static readonly UiText MailLead = new(
        "A copy of every mail the portal sent, by pickup folder or SMTP, newest first (at most {0}).",
        "Eine Kopie jeder E-Mail, die das Portal über den Abholordner oder SMTP gesendet hat, neueste zuerst (höchstens {0}).");
    public static readonly UiText MailRetention = new(
        "Mails are deleted {0} days after they were sent (Portal:Retention:MailDays): they hold contact data of both sides of a match.",
        "E-Mails werden {0} Tage nach dem Versand gelöscht (Portal:Retention:MailDays): Sie enthalten Kontaktdaten beider Seiten eines Vorschlags.");
    public static readonly UiText MailKeptForEver = new(
        "Mails stay in the archive until someone deletes them (Portal:Retention:MailDays is 0).",
        "E-Mails bleiben im Archiv, bis jemand sie löscht (Portal:Retention:MailDays ist 0).");
    public static readonly UiText MailEmpty = new("The archive holds no mail yet.", "Das Archiv enthält noch keine E-Mails.");
    public static readonly UiText MailSubject = new("Subject", "Betreff");
    public static readonly UiText MailRecipient = new("Recipient", "Empfänger");
    public static readonly UiText MailTime = new("Sent at", "Gesendet am");
    public static readonly UiText MailNotFound = new("There is no such mail in the archive.", "Diese E-Mail gibt es im Archiv nicht.");
    public static readonly UiText MailBackToList = new("Back to the list", "Zurück zur Liste");
    public static readonly UiText MailKey = new("Key", "Schlüssel");
}
