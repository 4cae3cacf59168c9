namespace ResponsePortal.Web;

/// <summary>
/// Every string the HTML pages show, in English and German. One flat list keyed by the C# name,
/// grouped by page with comments; the catalogue's labels (categories, regions…) come from the catalogue itself.
/// </summary>
public static partial class Texts
{
    // Layout
    public static readonly UiText PortalName = new("ResponsePortal", "ResponsePortal");
    public static readonly UiText PortalTagline = new("Crisis supply and demand, matched", "Krisenversorgung: Angebot und Bedarf, zusammengeführt");
    public static readonly UiText SkipToContent = new("Skip to main content", "Zum Hauptinhalt springen");
    public static readonly UiText MainNavigation = new("Main navigation", "Hauptnavigation");
    public static readonly UiText NavHome = new("Start", "Start");
    public static readonly UiText NavPostOffer = new("Post an offer", "Angebot einstellen");
    public static readonly UiText NavPostShortage = new("Post a shortage", "Bedarf melden");
    public static readonly UiText NavBrowseOffers = new("Browse offers", "Angebote ansehen");
    public static readonly UiText NavBrowseShortages = new("Browse shortages", "Bedarfe ansehen");
    public static readonly UiText LanguageSwitchLabel = new("Language", "Sprache");
    public static readonly UiText LanguageNameGerman = new("Deutsch", "Deutsch");
    public static readonly UiText LanguageNameEnglish = new("English", "English");
    public static readonly UiText CurrentLanguage = new("current language", "aktuelle Sprache");
    public static readonly UiText FooterAbout = new(
        "ResponsePortal brings together companies that can help and clusters that need help in a crisis. Listings are public; contact details are shared only after both sides accept a match.",
        "ResponsePortal bringt in einer Krise Unternehmen, die helfen können, mit Clustern zusammen, die Hilfe brauchen. Einträge sind öffentlich; Kontaktdaten werden erst geteilt, wenn beide Seiten einen Vorschlag annehmen.");
    public static readonly UiText FooterApi = new("API for cluster systems", "API für Cluster-Systeme");

    // Landing page
    public static readonly UiText LandingTitle = new("Offer help or report a shortage", "Hilfe anbieten oder Bedarf melden");
    public static readonly UiText LandingLead = new(
        "In a crisis, companies can give goods, production capacity or staff, and industrial clusters need them fast. ResponsePortal matches offers and shortages automatically and tells both sides by email.",
        "In einer Krise können Unternehmen Waren, Produktionskapazität oder Personal geben, und Industriecluster brauchen genau das schnell. ResponsePortal führt Angebote und Bedarfe automatisch zusammen und informiert beide Seiten per E-Mail.");
    public static readonly UiText LandingOfferHeading = new("I can help", "Ich kann helfen");
    public static readonly UiText LandingOfferText = new(
        "For companies: offer goods (for example masks or disinfectant), production capacity per week (for example 3D printing) or staff you can lend for a while.",
        "Für Unternehmen: Bieten Sie Waren (zum Beispiel Masken oder Desinfektionsmittel), Produktionskapazität pro Woche (zum Beispiel 3D-Druck) oder Personal an, das Sie für eine Zeit verleihen können.");
    public static readonly UiText LandingShortageHeading = new("We need help", "Wir brauchen Hilfe");
    public static readonly UiText LandingShortageText = new(
        "For clusters: report what your members are short of, how much, where, by when and how urgently.",
        "Für Cluster: Melden Sie, was Ihren Mitgliedern fehlt, wie viel, wo, bis wann und wie dringend.");
    public static readonly UiText LandingHowHeading = new("How matching works", "So funktioniert die Zuordnung");
    public static readonly UiText LandingHowStep1 = new(
        "You post an offer or a shortage with this form. No account is needed: you get a private link to change or withdraw it.",
        "Sie stellen ein Angebot oder einen Bedarf über das Formular ein. Ein Konto ist nicht nötig: Sie erhalten einen privaten Link, um den Eintrag zu ändern oder zurückzuziehen.");
    public static readonly UiText LandingHowStep2 = new(
        "The portal looks for matching listings: same category (or an accepted substitute), within delivery distance, available in time, with the required certifications. The most urgent needs come first.",
        "Das Portal sucht passende Einträge: gleiche Kategorie (oder ein zulässiger Ersatz), innerhalb der Lieferentfernung, rechtzeitig verfügbar, mit den geforderten Zertifizierungen. Die dringendsten Bedarfe kommen zuerst.");
    public static readonly UiText LandingHowStep3 = new(
        "Both sides get an email with the proposal. When both accept, you see each other's contact details and arrange delivery directly.",
        "Beide Seiten erhalten eine E-Mail mit dem Vorschlag. Wenn beide annehmen, sehen Sie die Kontaktdaten der anderen Seite und vereinbaren die Lieferung direkt.");
    public static readonly UiText LandingWhoHeading = new("Who it is for", "Für wen ist das Portal?");
    public static readonly UiText LandingWhoText = new(
        "Companies that are members of an industrial cluster, the clusters themselves, and authorities who need to see where supply is missing.",
        "Für Unternehmen, die Mitglied eines Industrieclusters sind, für die Cluster selbst und für Behörden, die sehen müssen, wo Versorgung fehlt.");
    public static readonly UiText LandingOpenOffers = new("open offers", "offene Angebote");
    public static readonly UiText LandingOpenShortages = new("open shortages", "offene Bedarfe");
    public static readonly UiText LandingNumbersHeading = new("Right now", "Aktuell");

    // Language endpoint
    public static readonly UiText SwitchToGerman = new("Deutsche Version", "Deutsche Version");
    public static readonly UiText SwitchToEnglish = new("English version", "English version");
}
