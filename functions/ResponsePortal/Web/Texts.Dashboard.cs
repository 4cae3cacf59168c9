namespace ResponsePortal.Web;

/// <summary>The dashboard page (/dashboard) and its charts.</summary>
public static partial class Texts
{
    public static readonly UiText DashboardTitle = new("Supply and demand dashboard", "Lagebild Angebot und Bedarf");
    /// <summary>The caption of a dashboard not limited to one cluster (authorities and admins).</summary>
    public static readonly UiText DashboardScopeAll = new("All clusters", "Alle Cluster");
    public static readonly UiText DashboardLeadAll = new(
        "Open supply against open demand, what is matched, and where critical needs stay unmet. Numbers are live; quantities are in each category's own unit.",
        "Offene Angebote gegen offene Bedarfe, was zugeordnet ist und wo kritischer Bedarf ungedeckt bleibt. Die Zahlen sind aktuell; Mengen in der Einheit der jeweiligen Kategorie.");
    public static readonly UiText DashboardLeadCluster = new(
        "Your cluster {0}: the listings your members posted and their matches. Quantities are in each category's own unit.",
        "Ihr Cluster {0}: die Einträge Ihrer Mitglieder und ihre Zuordnungen. Mengen in der Einheit der jeweiligen Kategorie.");
    public static readonly UiText DashFiltersHeading = new("Filter", "Filter");
    public static readonly UiText FilterAll = new("All", "Alle");
    public static readonly UiText FilterApply = new("Apply filter", "Filter anwenden");
    public static readonly UiText FilterReset = new("Reset", "Zurücksetzen");
    public static readonly UiText DashTypeLabel = new("Type", "Art");
    public static readonly UiText PeriodLabel = new("Period (trend, posted, exports)", "Zeitraum (Verlauf, eingestellt, Exporte)");
    public static readonly UiText PeriodDays = new("Last {0} days", "Letzte {0} Tage");
    public static readonly UiText PeriodAll = new("All time", "Gesamter Zeitraum");
    public static readonly UiText RegionFilterLabel = new("Region (NUTS code or prefix)", "Region (NUTS-Code oder -Präfix)");

    public static readonly UiText KpiOpenOffers = new("open offers", "offene Angebote");
    public static readonly UiText KpiOpenRequests = new("open shortages", "offene Bedarfe");
    public static readonly UiText KpiFillRate = new("of open demand matched", "des offenen Bedarfs zugeordnet");
    public static readonly UiText KpiUnmetCritical = new("critical shortages with unmet quantity", "kritische Bedarfe mit ungedeckter Menge");
    public static readonly UiText KpiMedian = new("median time to first match", "Median bis zur ersten Zuordnung");
    public static readonly UiText KpiP90 = new("90 % matched within", "90 % zugeordnet innerhalb von");
    public static readonly UiText NoMatchYet = new("no match yet", "noch keine Zuordnung");

    public static readonly UiText ByCategoryHeading = new("Supply and demand by category", "Angebot und Bedarf nach Kategorie");
    public static readonly UiText ByRegionHeading = new("Supply and demand by region", "Angebot und Bedarf nach Region");
    public static readonly UiText GapsHeading = new("Supply-chain gaps: unmet critical demand", "Versorgungslücken: ungedeckter kritischer Bedarf");
    public static readonly UiText GapsNone = new("No critical demand is unmet.", "Kein kritischer Bedarf ist ungedeckt.");
    public static readonly UiText LatencyHeading = new("Time from posting to first match", "Zeit vom Einstellen bis zur ersten Zuordnung");
    public static readonly UiText FunnelHeading = new("Match funnel", "Zuordnungstrichter");
    public static readonly UiText TrendHeading = new("Trend", "Verlauf");
    public static readonly UiText MapHeading = new("Map of open demand", "Karte des offenen Bedarfs");
    public static readonly UiText ExportHeading = new("Export", "Export");
    public static readonly UiText ExportLead = new(
        "The listings and matches behind these numbers, with the filters above. CSV opens in Excel; the HXL variant adds a hashtag row for humanitarian tools.",
        "Die Einträge und Zuordnungen hinter diesen Zahlen, mit den Filtern oben. CSV öffnet sich in Excel; die HXL-Variante ergänzt eine Hashtag-Zeile für humanitäre Werkzeuge.");
    public static readonly UiText ExportListingsCsv = new("Listings (CSV)", "Einträge (CSV)");
    public static readonly UiText ExportListingsHxl = new("Listings (CSV with HXL)", "Einträge (CSV mit HXL)");
    public static readonly UiText ExportListingsJson = new("Listings (JSON)", "Einträge (JSON)");
    public static readonly UiText ExportMatchesCsv = new("Matches (CSV)", "Zuordnungen (CSV)");
    public static readonly UiText ExportMatchesJson = new("Matches (JSON)", "Zuordnungen (JSON)");
    public static readonly UiText ShowTable = new("Show the numbers as a table", "Zahlen als Tabelle zeigen");

    public static readonly UiText ColCategory = new("Category", "Kategorie");
    public static readonly UiText ColRegion = new("Region", "Region");
    public static readonly UiText ColOffers = new("Offers", "Angebote");
    public static readonly UiText ColSupply = new("Supply", "Angebot");
    public static readonly UiText ColRequests = new("Shortages", "Bedarfe");
    public static readonly UiText ColDemand = new("Demand", "Bedarf");
    public static readonly UiText ColMatched = new("Matched", "Zugeordnet");
    public static readonly UiText ColUnmet = new("Unmet", "Ungedeckt");
    public static readonly UiText ColFill = new("Fill rate", "Deckung");
    public static readonly UiText ColDay = new("Day", "Tag");
    public static readonly UiText ColOffersPosted = new("Offers posted", "Angebote eingestellt");
    public static readonly UiText ColRequestsPosted = new("Shortages posted", "Bedarfe eingestellt");
    public static readonly UiText ColMatches = new("Matches", "Zuordnungen");
    public static readonly UiText ColMatchedQuantity = new("Matched quantity", "Zugeordnete Menge");
    public static readonly UiText ColStage = new("Stage", "Stufe");
    public static readonly UiText ColReason = new("Closure reason", "Abschlussgrund");
    public static readonly UiText ColTime = new("Time to first match", "Zeit bis zur ersten Zuordnung");
    public static readonly UiText ColRequestsMatched = new("Shortages", "Bedarfe");
    public static readonly UiText NoData = new("Nothing to show for this filter.", "Für diesen Filter gibt es nichts anzuzeigen.");

    public static readonly UiText StageProposed = new("Proposed", "Vorgeschlagen");
    public static readonly UiText StagePartlyAccepted = new("Accepted by one side", "Von einer Seite angenommen");
    public static readonly UiText StageAccepted = new("Accepted by both", "Von beiden angenommen");
    public static readonly UiText StageCompleted = new("Delivered", "Geliefert");
    public static readonly UiText StageClosed = new("Closed without delivery", "Ohne Lieferung beendet");
    public static readonly UiText ReasonNoSupplyLeft = new("No supply left", "Kein Angebot mehr");
    public static readonly UiText ReasonNoReply = new("No reply", "Keine Antwort");
    public static readonly UiText ReasonPrefersAnother = new("Declined (prefers another)", "Abgelehnt (andere Wahl)");
    public static readonly UiText ReasonDelivered = new("Delivered", "Geliefert");

    public static readonly UiText ChartCategoryDesc = new(
        "For each category, a bar for open supply and a bar for open demand, scaled to the larger of the two; the dark part of the demand bar is the matched quantity. {0} categories.",
        "Je Kategorie ein Balken für offenes Angebot und einer für offenen Bedarf, skaliert auf den größeren der beiden; der dunkle Teil des Bedarfsbalkens ist die zugeordnete Menge. {0} Kategorien.");
    public static readonly UiText ChartGapsDesc = new(
        "Bars of unmet critical demand per category and region, largest first. Largest: {0}.",
        "Balken des ungedeckten kritischen Bedarfs je Kategorie und Region, größter zuerst. Größter: {0}.");
    public static readonly UiText ChartTrendDesc = new(
        "Daily counts over {0} days: shortages posted, offers posted and matches made. In total {1} shortages, {2} offers, {3} matches.",
        "Tägliche Anzahl über {0} Tage: eingestellte Bedarfe, Angebote und neue Zuordnungen. Insgesamt {1} Bedarfe, {2} Angebote, {3} Zuordnungen.");
    public static readonly UiText ChartFunnelDesc = new(
        "How many matches reached each stage: {0} proposed, {1} accepted by one side, {2} accepted by both, {3} delivered, {4} closed.",
        "Wie viele Zuordnungen jede Stufe erreicht haben: {0} vorgeschlagen, {1} von einer Seite angenommen, {2} von beiden angenommen, {3} geliefert, {4} beendet.");
    public static readonly UiText ChartLatencyDesc = new(
        "Histogram of the time from posting a shortage to its first match proposal, {0} shortages. Median {1}, 90th percentile {2}.",
        "Histogramm der Zeit vom Einstellen eines Bedarfs bis zum ersten Zuordnungsvorschlag, {0} Bedarfe. Median {1}, 90. Perzentil {2}.");
    public static readonly UiText ChartMapDesc = new(
        "Circles at each region's centre; their area shows open shortages, the colour how much of the demand is unmet (red: mostly unmet, blue: mostly matched). {0} regions. The table by region above has the same numbers.",
        "Kreise im Mittelpunkt jeder Region; die Fläche zeigt die offenen Bedarfe, die Farbe, wie viel davon ungedeckt ist (rot: überwiegend ungedeckt, blau: überwiegend zugeordnet). {0} Regionen. Die Tabelle nach Region oben enthält dieselben Zahlen.");
    public static readonly UiText LegendSupply = new("Supply", "Angebot");
    public static readonly UiText LegendDemand = new("Demand", "Bedarf");
    public static readonly UiText LegendMatched = new("matched", "zugeordnet");
    public static readonly UiText Minutes = new("{0} min", "{0} Min.");
    public static readonly UiText Hours = new("{0} h", "{0} Std.");
    public static readonly UiText Days = new("{0} d", "{0} Tg.");
}
