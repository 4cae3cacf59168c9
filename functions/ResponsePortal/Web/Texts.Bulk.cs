namespace ResponsePortal.Web;

/// <summary>Bulk posting of shortages (/bulk, /bulk/{id}).</summary>
public static partial class Texts
{
    public static readonly UiText BulkTitle = new("Post shortages from a CSV file", "Bedarfe aus einer CSV-Datei melden");
    public static readonly UiText BulkLead = new(
        "For cluster managers: post many shortages of your members at once. One line per shortage; the columns are the fields of the shortage form. Each line is checked like the form; lines with errors are listed and not posted, the others are. Uploading the same file again posts nothing twice.",
        "Für Cluster-Verantwortliche: Melden Sie viele Bedarfe Ihrer Mitglieder auf einmal. Eine Zeile je Bedarf; die Spalten sind die Felder des Bedarfsformulars. Jede Zeile wird wie im Formular geprüft; fehlerhafte Zeilen werden aufgelistet und nicht gemeldet, die anderen schon. Dieselbe Datei noch einmal hochzuladen meldet nichts doppelt.");
    public static readonly UiText BulkTemplate = new("Download the template (CSV)", "Vorlage herunterladen (CSV)");
    public static readonly UiText BulkFileLabel = new("CSV file", "CSV-Datei");
    public static readonly UiText BulkFileHint = new(
        "UTF-8, comma or semicolon separated, at most {0} lines and {1} KiB. Lists (certifications, skills) separated by semicolons inside the cell.",
        "UTF-8, getrennt durch Komma oder Semikolon, höchstens {0} Zeilen und {1} KiB. Listen (Zertifizierungen, Fähigkeiten) innerhalb der Zelle durch Semikolon trennen.");
    public static readonly UiText BulkUpload = new("Upload and post", "Hochladen und melden");
    public static readonly UiText BulkNoFile = new("Choose a CSV file.", "Wählen Sie eine CSV-Datei aus.");
    public static readonly UiText BulkTooLarge = new(
        "The file is larger than {0} KiB. Split it into several files.",
        "Die Datei ist größer als {0} KiB. Teilen Sie sie auf mehrere Dateien auf.");
    public static readonly UiText BulkTooManyRows = new(
        "The file has {0} lines; at most {1} are allowed per upload. Split it into several files.",
        "Die Datei hat {0} Zeilen; höchstens {1} sind je Upload erlaubt. Teilen Sie sie auf mehrere Dateien auf.");
    public static readonly UiText BulkNotUtf8 = new(
        "The file is not UTF-8 text. In Excel choose “CSV UTF-8 (comma delimited)” when saving.",
        "Die Datei ist kein UTF-8-Text. Wählen Sie in Excel beim Speichern „CSV UTF-8 (durch Trennzeichen getrennt)“.");
    public static readonly UiText BulkNoRows = new("The file has a header but no lines to post.", "Die Datei hat eine Kopfzeile, aber keine Zeilen zum Melden.");
    public static readonly UiText BulkRecent = new("Your recent uploads", "Ihre letzten Uploads");
    public static readonly UiText BulkStatusTitle = new("Upload {0}", "Upload {0}");
    public static readonly UiText BulkRunning = new("Posting… {0} of {1} lines done. This page refreshes by itself.", "Wird gemeldet … {0} von {1} Zeilen erledigt. Diese Seite aktualisiert sich selbst.");
    public static readonly UiText BulkDone = new("Done: {0} posted, {1} already posted before, {2} with errors.", "Fertig: {0} gemeldet, {1} schon früher gemeldet, {2} mit Fehlern.");
    public static readonly UiText BulkErrorsHeading = new("Lines with errors (not posted)", "Zeilen mit Fehlern (nicht gemeldet)");
    public static readonly UiText BulkErrorsFix = new("Correct these lines and upload the file again: the lines already posted are not posted twice.", "Korrigieren Sie diese Zeilen und laden Sie die Datei erneut hoch: bereits gemeldete Zeilen werden nicht doppelt gemeldet.");
    public static readonly UiText ColLine = new("Line", "Zeile");
    public static readonly UiText ColField = new("Field", "Feld");
    public static readonly UiText ColProblem = new("Problem", "Problem");
    public static readonly UiText ColFile = new("File", "Datei");
    public static readonly UiText ColState = new("State", "Stand");
    public static readonly UiText WholeLine = new("whole line", "ganze Zeile");
    public static readonly UiText BulkAnother = new("Upload another file", "Weitere Datei hochladen");
}
