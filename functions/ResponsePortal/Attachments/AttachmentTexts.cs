using ResponsePortal.Blobs;
using ResponsePortal.Listings;

namespace ResponsePortal.Attachments;

/// <summary>Why an upload was refused, in both portal languages, keyed by the stable codes of <see cref="AttachmentCheck"/>
/// plus this feature's own ("too-many", "no-file"). The API and the management page show the same sentences.</summary>
public static class AttachmentTexts
{
    private const int MaxMiB = (int)(AttachmentCheck.MaxBytes / (1024 * 1024));

    public static FieldError ErrorFor(string code) => code switch
    {
        "empty" => Error("The file is empty. Choose the certificate file again.", "Die Datei ist leer. Wählen Sie die Zertifikatsdatei erneut aus."),
        "too-large" => TooLarge,
        "too-many" => Error(
            $"A listing can have at most {ListingAttachments.MaxPerListing} attachments. Delete one before adding another.",
            $"Ein Eintrag kann höchstens {ListingAttachments.MaxPerListing} Anhänge haben. Löschen Sie einen, bevor Sie einen weiteren hinzufügen."),
        "no-file" => Error("Choose a file to upload.", "Wählen Sie eine Datei zum Hochladen aus."),
        _ => Error(
            "Only PDF, PNG and JPEG files are accepted. The file's content is not one of these, whatever its name says.",
            "Nur PDF-, PNG- und JPEG-Dateien werden angenommen. Der Inhalt der Datei ist keines davon, egal was ihr Name sagt."),
    };

    public static FieldError TooLarge { get; } = Error(
        $"The file is larger than {MaxMiB} MiB. Scan the certificate at a lower resolution or split it.",
        $"Die Datei ist größer als {MaxMiB} MiB. Scannen Sie das Zertifikat mit geringerer Auflösung oder teilen Sie es auf.");

    private static FieldError Error(string en, string de) => new(ListingAttachments.FileField, en, de);
}
