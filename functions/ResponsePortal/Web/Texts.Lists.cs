namespace ResponsePortal.Web;

/// <summary>Browse pages and the public view of one listing.</summary>
public static partial class Texts
{
    public static readonly UiText BrowseOffersTitle = new("Offers", "Angebote");
    public static readonly UiText BrowseOffersLead = new("What companies can give right now.", "Was Unternehmen jetzt geben können.");
    public static readonly UiText BrowseShortagesTitle = new("Shortages", "Bedarfe");
    public static readonly UiText BrowseShortagesLead = new("What clusters and their members need right now.", "Was Cluster und ihre Mitglieder jetzt brauchen.");
    public static readonly UiText FiltersHeading = new("Filter", "Filtern");
    public static readonly UiText AnyCategory = new("All categories", "Alle Kategorien");
    public static readonly UiText AnyRegion = new("All regions", "Alle Regionen");
    public static readonly UiText AnyType = new("All kinds", "Alle Arten");
    public static readonly UiText TypeLabel = new("Kind", "Art");
    public static readonly UiText ApplyFilters = new("Show results", "Ergebnisse anzeigen");
    public static readonly UiText ClearFilters = new("Clear filters", "Filter zurücksetzen");
    public static readonly UiText ResultCount = new("{0} listings found", "{0} Einträge gefunden");
    public static readonly UiText NoResults = new("Nothing found. Try fewer filters.", "Nichts gefunden. Versuchen Sie es mit weniger Filtern.");
    public static readonly UiText Pagination = new("Pages", "Seiten");
    public static readonly UiText PreviousPage = new("Previous page", "Vorherige Seite");
    public static readonly UiText NextPage = new("Next page", "Nächste Seite");
    public static readonly UiText PageOf = new("Page {0} of {1}", "Seite {0} von {1}");

    // One listing
    public static readonly UiText OfferCaption = new("Offer", "Angebot");
    public static readonly UiText ShortageCaption = new("Shortage", "Bedarf");
    public static readonly UiText ListingNotFound = new("This listing does not exist.", "Diesen Eintrag gibt es nicht.");
    public static readonly UiText ListingWithdrawnNotice = new("This listing was withdrawn.", "Dieser Eintrag wurde zurückgezogen.");
    public static readonly UiText ListingExpiredNotice = new("This listing has ended.", "Dieser Eintrag ist abgelaufen.");
    public static readonly UiText PerWeek = new("{0} {1} per week", "{0} {1} pro Woche");
    public static readonly UiText People = new("{0} people", "{0} Personen");
    public static readonly UiText OrganisationLabel = new("Organisation", "Organisation");
    public static readonly UiText StatusLabel = new("Status", "Status");
    public static readonly UiText StatusOpen = new("Open", "Offen");
    public static readonly UiText StatusWithdrawn = new("Withdrawn", "Zurückgezogen");
    public static readonly UiText StatusExpired = new("Ended", "Abgelaufen");
    public static readonly UiText PostedOn = new("Posted on", "Eingestellt am");
    public static readonly UiText UrgencyLabel = new("Urgency", "Dringlichkeit");
    public static readonly UiText ContactHiddenNote = new(
        "Contact details are shared once both sides accept a match proposed by the portal.",
        "Kontaktdaten werden geteilt, sobald beide Seiten einen vom Portal vorgeschlagenen Abgleich annehmen.");
    public static readonly UiText None = new("none", "keine");
    public static readonly UiText LocationLabel = new("Location", "Standort");
    public static readonly UiText Yes = new("Yes", "Ja");
    public static readonly UiText No = new("No", "Nein");
}
