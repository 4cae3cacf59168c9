namespace ResponsePortal.Web;

public static partial class Texts
{
    // Export snapshots (/dashboard/snapshots)
    public static readonly UiText SnapshotsTitle = new("Export snapshots", "Gespeicherte Exporte");
    public static readonly UiText SnapshotsLead = new(
        "Keep the current export as a file that does not change any more: a record of what was reported when.",
        "Speichern Sie den aktuellen Export als Datei, die sich nicht mehr ändert: ein Beleg, was wann gemeldet wurde.");
    public static readonly UiText SnapshotsLink = new("Saved export snapshots", "Gespeicherte Exporte");
    public static readonly UiText SnapshotSaveListings = new("Save snapshot of listings", "Stand der Einträge speichern");
    public static readonly UiText SnapshotSaveMatches = new("Save snapshot of matches", "Stand der Vorschläge speichern");
    public static readonly UiText SnapshotSaved = new("The snapshot was saved.", "Der Stand wurde gespeichert.");
    public static readonly UiText SnapshotsEmpty = new("No snapshots yet.", "Noch keine gespeicherten Stände.");
    public static readonly UiText SnapshotTakenAt = new("Taken at", "Gespeichert am");
    public static readonly UiText SnapshotKind = new("Content", "Inhalt");
    public static readonly UiText SnapshotKindListings = new("Listings", "Einträge");
    public static readonly UiText SnapshotKindMatches = new("Matches", "Vorschläge");
    public static readonly UiText SnapshotFile = new("File", "Datei");
}
