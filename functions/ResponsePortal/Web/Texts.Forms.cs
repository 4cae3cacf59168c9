namespace ResponsePortal.Web;

/// <summary>The offer and shortage form, its confirmation and the management page.</summary>
public static partial class Texts
{
    public static readonly UiText OfferFormTitle = new("Post an offer", "Angebot einstellen");
    public static readonly UiText OfferFormLead = new(
        "Tell us what your company can give. We match it with shortages and email you when a cluster needs it.",
        "Beschreiben Sie, was Ihr Unternehmen geben kann. Wir gleichen es mit gemeldeten Bedarfen ab und schreiben Ihnen, wenn ein Cluster es braucht.");
    public static readonly UiText ShortageFormTitle = new("Post a shortage", "Bedarf melden");
    public static readonly UiText ShortageFormLead = new(
        "Tell us what your members are short of. We match it with offers and email you when a company can help.",
        "Beschreiben Sie, was Ihren Mitgliedern fehlt. Wir gleichen es mit Angeboten ab und schreiben Ihnen, wenn ein Unternehmen helfen kann.");
    public static readonly UiText RequiredMarker = new("(required)", "(Pflichtfeld)");
    public static readonly UiText OptionalMarker = new("(optional)", "(optional)");
    public static readonly UiText RequiredNote = new(
        "Fields marked “(required)” must be filled in. Nothing is published until you send the form.",
        "Mit „(Pflichtfeld)“ markierte Felder müssen ausgefüllt werden. Veröffentlicht wird erst, wenn Sie das Formular absenden.");
    public static readonly UiText ChooseOption = new("Please choose", "Bitte auswählen");
    public static readonly UiText SubmitOffer = new("Publish offer", "Angebot veröffentlichen");
    public static readonly UiText SubmitShortage = new("Publish shortage", "Bedarf veröffentlichen");
    public static readonly UiText SaveChanges = new("Save changes", "Änderungen speichern");

    // Error summary
    public static readonly UiText ErrorSummaryTitle = new("There is a problem", "Es gibt ein Problem");
    public static readonly UiText ErrorSummaryLead = new(
        "Please correct the following and send the form again. Everything you typed is kept.",
        "Bitte korrigieren Sie Folgendes und senden Sie das Formular erneut. Ihre Eingaben bleiben erhalten.");
    public static readonly UiText ErrorPrefix = new("Error:", "Fehler:");

    // Sections
    public static readonly UiText SectionWhat = new("What", "Was");
    public static readonly UiText SectionWhere = new("Where and when", "Wo und wann");
    public static readonly UiText SectionCertifications = new("Certifications", "Zertifizierungen");
    public static readonly UiText SectionOrganisation = new("Your organisation", "Ihre Organisation");
    public static readonly UiText SectionContact = new("Contact", "Kontakt");
    public static readonly UiText ContactPrivacyHint = new(
        "Email and phone are never shown publicly. We share them only with a counterpart after both sides accepted a match.",
        "E-Mail und Telefon werden nie öffentlich angezeigt. Wir geben sie nur weiter, wenn beide Seiten einen Vorschlag angenommen haben.");

    // Type
    public static readonly UiText OfferTypeLegend = new("What do you offer?", "Was bieten Sie an?");
    public static readonly UiText ShortageTypeLegend = new("What is needed?", "Was wird benötigt?");
    public static readonly UiText TypeGoods = new("Goods", "Waren");
    public static readonly UiText TypeGoodsHint = new("Products in stock or being produced, e.g. masks, disinfectant, parts.", "Vorhandene oder laufend produzierte Produkte, z. B. Masken, Desinfektionsmittel, Bauteile.");
    public static readonly UiText TypeCapacity = new("Production capacity", "Produktionskapazität");
    public static readonly UiText TypeCapacityHint = new("Machines and lines that can make something, counted per week, e.g. 3D printing.", "Maschinen und Linien, die etwas herstellen können, gezählt pro Woche, z. B. 3D-Druck.");
    public static readonly UiText TypePersonnel = new("Staff", "Personal");
    public static readonly UiText TypePersonnelHint = new("People lent for a while, e.g. logistics or care helpers.", "Beschäftigte, die für eine Zeit ausgeliehen werden, z. B. für Logistik oder Pflege.");

    // Fields
    public static readonly UiText CategoryLabel = new("Category", "Kategorie");
    public static readonly UiText CategoryHint = new("Choose the closest match; the portal also considers accepted substitutes.", "Wählen Sie die passendste Kategorie; das Portal berücksichtigt auch zulässige Ersatzprodukte.");
    public static readonly UiText TitleLabel = new("Title", "Titel");
    public static readonly UiText TitleHint = new("A short line others see in lists, e.g. “FFP2 masks, boxes of 20”.", "Eine kurze Zeile, die andere in Listen sehen, z. B. „FFP2-Masken, Packungen zu 20 Stück“.");
    public static readonly UiText DescriptionLabel = new("Description", "Beschreibung");
    public static readonly UiText DescriptionHint = new("Anything that helps: packaging, specification, conditions.", "Alles, was hilft: Verpackung, Spezifikation, Bedingungen.");
    public static readonly UiText QuantityLabel = new("Quantity", "Menge");
    public static readonly UiText QuantityHint = new(
        "A whole number. For production capacity: units per week. For staff: number of people.",
        "Eine ganze Zahl. Bei Produktionskapazität: Einheiten pro Woche. Bei Personal: Anzahl Personen.");
    public static readonly UiText UnitLabel = new("Unit", "Einheit");
    public static readonly UiText RegionLabel = new("Region", "Region");
    public static readonly UiText OfferRegionHint = new("Where the goods, machines or staff are (EU statistical region, NUTS).", "Wo sich Waren, Maschinen oder Personal befinden (EU-Statistikregion, NUTS).");
    public static readonly UiText ShortageRegionHint = new("Where it is needed (EU statistical region, NUTS).", "Wo es benötigt wird (EU-Statistikregion, NUTS).");
    public static readonly UiText CoordinatesLegend = new("Exact location", "Genauer Standort");
    public static readonly UiText CoordinatesHint = new(
        "Only if the region's centre is far off. Decimal degrees, e.g. 53.55 and 9.99 for Hamburg.",
        "Nur nötig, wenn der Mittelpunkt der Region weit entfernt ist. Dezimalgrad, z. B. 53.55 und 9.99 für Hamburg.");
    public static readonly UiText LatitudeLabel = new("Latitude", "Breitengrad");
    public static readonly UiText LongitudeLabel = new("Longitude", "Längengrad");
    public static readonly UiText RadiusLabel = new("Delivery radius in km", "Lieferradius in km");
    public static readonly UiText RadiusHint = new("How far you can deliver or send staff.", "Wie weit Sie liefern oder Personal schicken können.");
    public static readonly UiText AvailableFromLabel = new("Available from", "Verfügbar ab");
    public static readonly UiText NeededByLabel = new("Needed by", "Benötigt bis");
    public static readonly UiText ExpiresAtLabel = new("Listing ends on", "Eintrag endet am");
    public static readonly UiText ExpiresAtHint = new("After this day the listing is no longer matched. If empty: 90 days from today.", "Nach diesem Tag wird der Eintrag nicht mehr zugeordnet. Ohne Angabe: 90 Tage ab heute.");
    public static readonly UiText UrgencyLegend = new("How urgent is it?", "Wie dringend ist es?");
    public static readonly UiText UrgencyCritical = new("Critical", "Kritisch");
    public static readonly UiText UrgencyCriticalHint = new("Care or production stops without it within days.", "Ohne Nachschub stehen Versorgung oder Produktion innerhalb von Tagen still.");
    public static readonly UiText UrgencyHigh = new("High", "Hoch");
    public static readonly UiText UrgencyHighHint = new("Stock runs out within weeks.", "Der Vorrat reicht nur noch wenige Wochen.");
    public static readonly UiText UrgencyNormal = new("Normal", "Normal");
    public static readonly UiText UrgencyNormalHint = new("Needed, but there is time to plan.", "Benötigt, aber es bleibt Zeit zur Planung.");
    public static readonly UiText DaysOfSupplyLabel = new("Days of supply left", "Vorrat reicht noch (Tage)");
    public static readonly UiText DaysOfSupplyHint = new("If known: how many days your stock lasts.", "Falls bekannt: wie viele Tage Ihr Vorrat noch reicht.");
    public static readonly UiText CertificationsHeldLegend = new("Certifications held", "Vorhandene Zertifizierungen");
    public static readonly UiText CertificationsHeldHint = new("Tick all that your goods or production have.", "Kreuzen Sie alle an, die Ihre Waren oder Ihre Produktion haben.");
    public static readonly UiText CertificationsRequiredLegend = new("Required certifications", "Geforderte Zertifizierungen");
    public static readonly UiText CertificationsRequiredHint = new("Only offers holding all ticked certifications are matched.", "Zugeordnet werden nur Angebote, die alle angekreuzten Zertifizierungen haben.");

    // Capacity
    public static readonly UiText CapacityLegend = new("Production capacity details", "Angaben zur Produktionskapazität");
    public static readonly UiText OnlyForCapacity = new("Only for production capacity.", "Nur bei Produktionskapazität.");
    public static readonly UiText LeadTimeLabel = new("Lead time in days", "Vorlaufzeit in Tagen");
    public static readonly UiText LeadTimeHint = new("Days from order to first delivery.", "Tage von der Bestellung bis zur ersten Lieferung.");
    public static readonly UiText MinimumOrderLabel = new("Minimum order", "Mindestbestellmenge");

    // Personnel
    public static readonly UiText PersonnelLegend = new("Staff details", "Angaben zum Personal");
    public static readonly UiText OnlyForPersonnel = new("Only for staff.", "Nur bei Personal.");
    public static readonly UiText SkillsLegend = new("Skills", "Fähigkeiten");
    public static readonly UiText OfferSkillsHint = new("Tick what the people can do.", "Kreuzen Sie an, was die Beschäftigten können.");
    public static readonly UiText ShortageSkillsHint = new("Tick what the people need to be able to do.", "Kreuzen Sie an, was die Personen können müssen.");
    public static readonly UiText PeriodFromLabel = new("From", "Von");
    public static readonly UiText PeriodUntilLabel = new("Until", "Bis");
    public static readonly UiText PeriodLegend = new("Period", "Zeitraum");
    public static readonly UiText StaffLoanModelLegend = new("How are the staff lent?", "Wie wird das Personal überlassen?");
    public static readonly UiText StaffLoanModelHint = new(
        "This decides who employs the person while lent. Ask your HR or works council if unsure.",
        "Das entscheidet, wer die Person während der Überlassung beschäftigt. Fragen Sie im Zweifel Ihre Personalabteilung oder den Betriebsrat.");
    public static readonly UiText StaffLoanSideJob = new("Side job", "Nebentätigkeit");
    public static readonly UiText StaffLoanSideJobHint = new(
        "The employee takes a second, separate job with the helping organisation; the main job continues.",
        "Die beschäftigte Person übernimmt zusätzlich eine eigene Tätigkeit bei der aufnehmenden Organisation; das Hauptarbeitsverhältnis läuft weiter.");
    public static readonly UiText StaffLoanSuspended = new("Suspended contract", "Ruhendes Arbeitsverhältnis");
    public static readonly UiText StaffLoanSuspendedHint = new(
        "The main contract is paused and the person is employed by the receiving organisation for the period.",
        "Der Hauptvertrag ruht; für den Zeitraum stellt die aufnehmende Organisation die Person ein.");
    public static readonly UiText StaffLoanAgency = new("Occasional loan (agency exception)", "Gelegentliche Überlassung (Ausnahme im AÜG)");
    public static readonly UiText StaffLoanAgencyHint = new(
        "Your company stays the employer and lends the person occasionally, as the temporary agency work law allows without a licence.",
        "Ihr Unternehmen bleibt Arbeitgeber und überlässt die Person gelegentlich, wie es das Arbeitnehmerüberlassungsgesetz ohne Erlaubnis zulässt.");
    public static readonly UiText EmployeesAgreedLabel = new(
        "The employees concerned agreed to be lent.",
        "Die betroffenen Beschäftigten sind mit der Überlassung einverstanden.");
    public static readonly UiText EmployeesAgreedHint = new("Required for staff offers: nobody is lent without consent.", "Pflicht bei Personalangeboten: Niemand wird ohne Zustimmung überlassen.");

    // Organisation and contact
    public static readonly UiText OrganisationNameLabel = new("Organisation name", "Name der Organisation");
    public static readonly UiText ClusterLabel = new("Cluster", "Cluster");
    public static readonly UiText ClusterHint = new("The industrial cluster you belong to, if any.", "Das Industriecluster, dem Sie angehören, falls vorhanden.");
    public static readonly UiText ContactNameLabel = new("Contact person", "Ansprechperson");
    public static readonly UiText ContactEmailLabel = new("Email address", "E-Mail-Adresse");
    public static readonly UiText ContactEmailHint = new("We send matches and your management link here.", "Hierhin senden wir Vorschläge und Ihren Verwaltungslink.");
    public static readonly UiText ContactPhoneLabel = new("Phone", "Telefon");
    public static readonly UiText ListingLanguageLegend = new("Language for emails about this listing", "Sprache der E-Mails zu diesem Eintrag");

    // Confirmation
    public static readonly UiText OfferPublished = new("Your offer is published", "Ihr Angebot ist veröffentlicht");
    public static readonly UiText ShortagePublished = new("Your shortage is published", "Ihr Bedarf ist veröffentlicht");
    public static readonly UiText ReferenceLabel = new("Reference", "Referenz");
    public static readonly UiText ManageLinkHeading = new("Save this link now: it is shown only once", "Speichern Sie diesen Link jetzt: Er wird nur einmal angezeigt");
    public static readonly UiText ManageLinkText = new(
        "With this private link you can change or withdraw your listing. Anyone who has it can do so, so keep it safe. We cannot show it again.",
        "Mit diesem privaten Link können Sie Ihren Eintrag ändern oder zurückziehen. Alle, die ihn kennen, können das, bewahren Sie ihn also sicher auf. Wir können ihn nicht erneut anzeigen.");
    public static readonly UiText ManageLinkLabel = new("Your management link", "Ihr Verwaltungslink");
    public static readonly UiText OpenManagePage = new("Open the management page", "Verwaltungsseite öffnen");
    public static readonly UiText WhatHappensNext = new("What happens next", "Wie es weitergeht");
    public static readonly UiText WhatHappensNextText = new(
        "The portal now looks for matching listings. When it finds one, both sides get an email with the proposal.",
        "Das Portal sucht jetzt passende Einträge. Findet es einen, erhalten beide Seiten eine E-Mail mit dem Vorschlag.");
    public static readonly UiText ViewPublicListing = new("View the public listing", "Öffentlichen Eintrag ansehen");
    public static readonly UiText AlreadySubmitted = new(
        "This form was already sent. Your listing exists; its management link was shown after the first submission.",
        "Dieses Formular wurde bereits gesendet. Ihr Eintrag existiert; der Verwaltungslink wurde nach dem ersten Absenden angezeigt.");

    // Management
    public static readonly UiText ManageTitle = new("Manage your listing", "Eintrag verwalten");
    public static readonly UiText ManageNotFound = new(
        "This management link is not valid. Check that you copied it completely.",
        "Dieser Verwaltungslink ist nicht gültig. Prüfen Sie, ob Sie ihn vollständig kopiert haben.");
    public static readonly UiText ManageEditHeading = new("Change the listing", "Eintrag ändern");
    public static readonly UiText ManageSaved = new("Your changes are saved.", "Ihre Änderungen sind gespeichert.");
    public static readonly UiText ManageConflict = new(
        "Someone changed this listing at the same time. Here is the latest version; please make your change again.",
        "Jemand hat den Eintrag gleichzeitig geändert. Hier ist die neueste Fassung; bitte nehmen Sie Ihre Änderung erneut vor.");
    public static readonly UiText WithdrawHeading = new("Withdraw the listing", "Eintrag zurückziehen");
    public static readonly UiText WithdrawText = new(
        "Withdraw it when it is no longer available or needed. It is then no longer shown or matched. This cannot be undone.",
        "Ziehen Sie den Eintrag zurück, wenn er nicht mehr verfügbar ist oder nicht mehr gebraucht wird. Er wird dann nicht mehr angezeigt oder zugeordnet. Das kann nicht rückgängig gemacht werden.");
    public static readonly UiText WithdrawButton = new("Withdraw listing", "Eintrag zurückziehen");
    public static readonly UiText WithdrawConfirmQuestion = new("Are you sure you want to withdraw this listing?", "Möchten Sie diesen Eintrag wirklich zurückziehen?");
    public static readonly UiText WithdrawConfirmButton = new("Yes, withdraw it", "Ja, zurückziehen");
    public static readonly UiText WithdrawCancel = new("No, keep it", "Nein, behalten");
    public static readonly UiText Withdrawn = new("The listing is withdrawn.", "Der Eintrag ist zurückgezogen.");
}
