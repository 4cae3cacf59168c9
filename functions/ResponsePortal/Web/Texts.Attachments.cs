namespace ResponsePortal.Web;

public static partial class Texts
{
    // Attachments (management page, listing page for authorities)
    public static readonly UiText AttachmentsHeading = new("Certificates", "Zertifikate");
    public static readonly UiText AttachmentsManageLead = new(
        "Add certificates for this listing, for example an EN 149 test report or a CE declaration of conformity. Only authorities see them; the public listing does not.",
        "Fügen Sie Zertifikate zu diesem Eintrag hinzu, zum Beispiel einen Prüfbericht nach EN 149 oder eine CE-Konformitätserklärung. Nur Behörden sehen sie, der öffentliche Eintrag nicht.");
    public static readonly UiText AttachmentsNone = new("No certificates yet.", "Noch keine Zertifikate.");
    public static readonly UiText AttachmentsDeletedAfterClosing = new(
        "This listing is closed and takes no new certificates. The ones below are deleted {0} days after it closed.",
        "Dieser Eintrag ist geschlossen und nimmt keine neuen Zertifikate an. Die folgenden werden {0} Tage nach dem Schließen gelöscht.");
    public static readonly UiText AttachmentFileLabel = new("Certificate file", "Zertifikatsdatei");
    public static readonly UiText AttachmentFileHint = new(
        "PDF, PNG or JPEG, at most 5 MiB, up to 10 files per listing.",
        "PDF, PNG oder JPEG, höchstens 5 MiB, bis zu 10 Dateien pro Eintrag.");
    public static readonly UiText AttachmentUploadButton = new("Upload certificate", "Zertifikat hochladen");
    public static readonly UiText AttachmentDeleteButton = new("Delete", "Löschen");
    public static readonly UiText AttachmentDeleteLabel = new("Delete {0}", "{0} löschen");
    public static readonly UiText AttachmentAdded = new("The certificate was added.", "Das Zertifikat wurde hinzugefügt.");
    public static readonly UiText AttachmentDeleted = new("The certificate was deleted.", "Das Zertifikat wurde gelöscht.");
    public static readonly UiText AttachmentsAuthorityLead = new(
        "Certificates the poster uploaded. Visible to authorities and admins only.",
        "Zertifikate, die der Anbieter hochgeladen hat. Nur für Behörden und Admins sichtbar.");
    public static readonly UiText AttachmentSize = new("{0:N0} KiB", "{0:N0} KiB");
}
