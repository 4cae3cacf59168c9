using System.Text.RegularExpressions;
using ResponsePortal.Catalog;

namespace ResponsePortal.Listings;

/// <summary>The parts of a listing that the portal assigns, not the poster.</summary>
public sealed record ListingIdentity(string Id, ListingStatus Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string ManageTokenHash, long Version);

/// <summary>
/// Every rule a listing must satisfy, for the API and the forms alike. Messages come in English and German;
/// each names what to do, not only what is wrong. Limits are generous for real use and tight enough
/// that nothing a client sends can make the portal store nonsense.
/// </summary>
public static partial class ListingValidator
{
    public const int MaxTitleLength = 120;
    public const int MaxDescriptionLength = 4000;
    public const long MaxQuantity = 1_000_000_000;
    public const int MaxRadiusKm = 5000;
    public const int MaxListItems = 20;

    /// <summary>Returns the validated listing, or null with <paramref name="errors"/> saying why.</summary>
    public static Listing? Validate(ListingDraft draft, ListingSide side, ListingIdentity identity, PortalCatalog catalog, DateOnly today, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(errors);
        var offer = side == ListingSide.Offer;

        var type = ListingCodes.ParseType(draft.Type);
        if (draft.Type is null)
        {
            Required(errors, FieldNames.Type);
        }
        else if (type is null)
        {
            errors.Add(FieldNames.Type, "Choose goods, capacity or personnel.", "Wählen Sie Waren, Kapazität oder Personal.");
        }

        Category? category = null;
        if (draft.Category is null)
        {
            Required(errors, FieldNames.Category);
        }
        else if (!catalog.TryGetCategory(draft.Category, out category))
        {
            errors.Add(FieldNames.Category, "Choose a category from the catalogue (GET /api/catalog/categories).", "Wählen Sie eine Kategorie aus dem Katalog (GET /api/catalog/categories).");
        }
        else if (type is { } t && !category.Types.Contains(ListingCodes.Of(t)))
        {
            errors.Add(FieldNames.Category, $"This category is not for listings of type {ListingCodes.Of(t)}.", $"Diese Kategorie passt nicht zum Typ {ListingCodes.Of(t)}.");
        }

        var title = Text(errors, FieldNames.Title, draft.Title, required: true, min: 3, max: MaxTitleLength, multiline: false);
        var description = Text(errors, FieldNames.Description, draft.Description, required: false, min: 0, max: MaxDescriptionLength, multiline: true);

        var quantity = draft.Quantity;
        if (quantity is null)
        {
            Required(errors, FieldNames.Quantity);
        }
        else if (quantity < 1 || quantity > MaxQuantity)
        {
            errors.Add(FieldNames.Quantity, $"Enter a quantity from 1 to {MaxQuantity:N0}.", $"Geben Sie eine Menge von 1 bis {MaxQuantity:N0} ein.");
        }

        var unit = draft.Unit ?? category?.DefaultUnit;
        if (unit is not null && !catalog.IsKnownUnit(unit))
        {
            errors.Add(FieldNames.Unit, "Choose a unit from the catalogue (GET /api/catalog/units).", "Wählen Sie eine Einheit aus dem Katalog (GET /api/catalog/units).");
        }
        else if (unit is null && category is not null)
        {
            Required(errors, FieldNames.Unit);
        }

        var (region, lat, lon) = Location(errors, draft, catalog);

        ValidateSideFields(errors, draft, offer, today);

        var expiresAt = draft.ExpiresAt ?? today.AddDays(90);
        if (expiresAt <= today || expiresAt > today.AddYears(1))
        {
            errors.Add(FieldNames.ExpiresAt, "Choose an expiry date after today and within one year.", "Wählen Sie ein Ablaufdatum nach heute und innerhalb eines Jahres.");
        }
        else if (offer && draft.AvailableFrom is { } from && expiresAt < from)
        {
            errors.Add(FieldNames.ExpiresAt, "The offer would expire before it becomes available.", "Das Angebot liefe ab, bevor es verfügbar ist.");
        }

        var certificationsField = offer ? FieldNames.Certifications : FieldNames.RequiredCertifications;
        var wrongCertificationsField = offer ? FieldNames.RequiredCertifications : FieldNames.Certifications;
        if ((offer ? draft.RequiredCertifications : draft.Certifications) is not null)
        {
            errors.Add(wrongCertificationsField, $"Use {certificationsField} on {(offer ? "offers" : "requests")}.", $"Verwenden Sie {certificationsField} bei {(offer ? "Angeboten" : "Bedarfen")}.");
        }

        var certifications = Codes(errors, certificationsField, offer ? draft.Certifications : draft.RequiredCertifications, catalog.IsKnownCertification,
            "certification", "Zertifizierung", "GET /api/catalog/certifications");

        var organisationName = Text(errors, FieldNames.OrganisationName, draft.OrganisationName, required: true, min: 2, max: 200, multiline: false);
        var cluster = draft.OrganisationCluster;
        if (cluster is not null && !ClusterPattern().IsMatch(cluster))
        {
            errors.Add(FieldNames.OrganisationCluster, "Use the cluster's short name: letters, digits and hyphens, up to 80.", "Verwenden Sie den Kurznamen des Clusters: Buchstaben, Ziffern und Bindestriche, bis 80.");
        }

        var contactName = Text(errors, FieldNames.ContactName, draft.ContactName, required: true, min: 2, max: 200, multiline: false);
        var email = draft.ContactEmail;
        if (email is null)
        {
            Required(errors, FieldNames.ContactEmail);
        }
        else if (email.Length > 254 || !EmailPattern().IsMatch(email))
        {
            errors.Add(FieldNames.ContactEmail, "Enter an e-mail address like name@example.org.", "Geben Sie eine E-Mail-Adresse wie name@example.org ein.");
        }

        var phone = draft.ContactPhone;
        if (phone is not null && !PhonePattern().IsMatch(phone))
        {
            errors.Add(FieldNames.ContactPhone, "Enter a phone number like +49 40 1234567.", "Geben Sie eine Telefonnummer wie +49 40 1234567 ein.");
        }

        var language = draft.Language ?? "en";
        if (language is not ("de" or "en"))
        {
            errors.Add(FieldNames.Language, "Choose de or en.", "Wählen Sie de oder en.");
        }

        var capacity = ValidateCapacity(errors, draft, type, quantity);
        var personnel = ValidatePersonnel(errors, draft, type, offer, today);

        if (errors.Any)
        {
            return null;
        }

        return new Listing
        {
            Id = identity.Id,
            Side = side,
            Type = type!.Value,
            Category = category!.Id,
            Title = title!,
            Description = description,
            Quantity = quantity!.Value,
            Unit = unit!,
            Region = region!.Code,
            Lat = lat,
            Lon = lon,
            RadiusKm = offer ? (int)draft.RadiusKm!.Value : null,
            AvailableFrom = offer ? draft.AvailableFrom : null,
            NeededBy = offer ? null : draft.NeededBy,
            Urgency = offer ? null : ListingCodes.ParseUrgency(draft.Urgency),
            DaysOfSupplyLeft = offer ? null : (int?)draft.DaysOfSupplyLeft,
            ExpiresAt = expiresAt,
            Certifications = certifications,
            Organisation = new Organisation(organisationName!, cluster),
            Contact = new Contact(contactName!, email!, phone),
            Language = language,
            LeadTimeDays = capacity.LeadTimeDays,
            MinimumOrder = capacity.MinimumOrder,
            Skills = personnel.Skills,
            Period = personnel.Period,
            StaffLoanModel = personnel.StaffLoanModel,
            EmployeesAgreed = personnel.EmployeesAgreed,
            Status = identity.Status,
            CreatedAt = identity.CreatedAt,
            UpdatedAt = identity.UpdatedAt,
            ManageTokenHash = identity.ManageTokenHash,
            Version = identity.Version,
        };
    }

    private static (Region? Region, double Lat, double Lon) Location(FieldErrors errors, ListingDraft draft, PortalCatalog catalog)
    {
        Region? region = null;
        if (draft.Region is null)
        {
            Required(errors, FieldNames.Region);
        }
        else if (!catalog.TryGetRegion(draft.Region, out region))
        {
            errors.Add(FieldNames.Region, "Choose a NUTS region code from the catalogue (GET /api/catalog/regions), for example DE60.", "Wählen Sie einen NUTS-Regionscode aus dem Katalog (GET /api/catalog/regions), zum Beispiel DE60.");
        }

        if (draft.Lat is null != draft.Lon is null)
        {
            var missing = draft.Lat is null ? FieldNames.Lat : FieldNames.Lon;
            errors.Add(missing, "Give both lat and lon, or neither (the region's centre is used).", "Geben Sie lat und lon beide an oder keines (dann gilt der Mittelpunkt der Region).");
        }

        if (draft.Lat is { } la && (la < -90 || la > 90))
        {
            errors.Add(FieldNames.Lat, "Latitude must be between -90 and 90.", "Der Breitengrad muss zwischen -90 und 90 liegen.");
        }

        if (draft.Lon is { } lo && (lo < -180 || lo > 180))
        {
            errors.Add(FieldNames.Lon, "Longitude must be between -180 and 180.", "Der Längengrad muss zwischen -180 und 180 liegen.");
        }

        return draft is { Lat: { } lat, Lon: { } lon } ? (region, lat, lon) : (region, region?.Lat ?? 0, region?.Lon ?? 0);
    }

    private static void ValidateSideFields(FieldErrors errors, ListingDraft draft, bool offer, DateOnly today)
    {
        if (offer)
        {
            if (draft.RadiusKm is null)
            {
                Required(errors, FieldNames.RadiusKm);
            }
            else if (draft.RadiusKm < 1 || draft.RadiusKm > MaxRadiusKm)
            {
                errors.Add(FieldNames.RadiusKm, $"Enter a delivery radius from 1 to {MaxRadiusKm} km.", $"Geben Sie einen Lieferradius von 1 bis {MaxRadiusKm} km ein.");
            }

            if (draft.AvailableFrom is null)
            {
                Required(errors, FieldNames.AvailableFrom);
            }
            else if (draft.AvailableFrom > today.AddYears(1))
            {
                errors.Add(FieldNames.AvailableFrom, "Choose a date within the next year.", "Wählen Sie ein Datum innerhalb des nächsten Jahres.");
            }

            OnlyOnRequests(errors, FieldNames.NeededBy, draft.NeededBy);
            OnlyOnRequests(errors, FieldNames.Urgency, draft.Urgency);
            OnlyOnRequests(errors, FieldNames.DaysOfSupplyLeft, draft.DaysOfSupplyLeft);
            return;
        }

        if (draft.NeededBy is null)
        {
            Required(errors, FieldNames.NeededBy);
        }
        else if (draft.NeededBy < today || draft.NeededBy > today.AddYears(1))
        {
            errors.Add(FieldNames.NeededBy, "Choose a date from today to one year ahead.", "Wählen Sie ein Datum von heute bis in einem Jahr.");
        }

        if (draft.Urgency is null)
        {
            Required(errors, FieldNames.Urgency);
        }
        else if (ListingCodes.ParseUrgency(draft.Urgency) is null)
        {
            errors.Add(FieldNames.Urgency, "Choose critical, high or normal.", "Wählen Sie kritisch (critical), hoch (high) oder normal (normal).");
        }

        if (draft.DaysOfSupplyLeft is < 0 or > 3650)
        {
            errors.Add(FieldNames.DaysOfSupplyLeft, "Enter the days of supply left, from 0 to 3650.", "Geben Sie die verbleibenden Versorgungstage ein, von 0 bis 3650.");
        }

        OnlyOnOffers(errors, FieldNames.RadiusKm, draft.RadiusKm);
        OnlyOnOffers(errors, FieldNames.AvailableFrom, draft.AvailableFrom);
        OnlyOnOffers(errors, FieldNames.StaffLoanModel, draft.StaffLoanModel);
        OnlyOnOffers(errors, FieldNames.EmployeesAgreed, draft.EmployeesAgreed);
    }

    private sealed record CapacityFields(int? LeadTimeDays, long? MinimumOrder);

    private static CapacityFields ValidateCapacity(FieldErrors errors, ListingDraft draft, ListingType? type, long? quantity)
    {
        if (type is not ListingType.Capacity)
        {
            if (type is not null)
            {
                OnlyForType(errors, FieldNames.LeadTimeDays, draft.LeadTimeDays, "capacity", "Kapazität");
                OnlyForType(errors, FieldNames.MinimumOrder, draft.MinimumOrder, "capacity", "Kapazität");
            }

            return new CapacityFields(null, null);
        }

        if (draft.LeadTimeDays is < 0 or > 365)
        {
            errors.Add(FieldNames.LeadTimeDays, "Enter a lead time from 0 to 365 days.", "Geben Sie eine Vorlaufzeit von 0 bis 365 Tagen ein.");
        }

        if (draft.MinimumOrder is { } minimum && (minimum < 1 || (quantity is { } q && minimum > q)))
        {
            errors.Add(FieldNames.MinimumOrder, "The minimum order must be at least 1 and at most the weekly capacity.", "Die Mindestmenge muss mindestens 1 und höchstens die Wochenkapazität sein.");
        }

        return new CapacityFields((int?)draft.LeadTimeDays, draft.MinimumOrder);
    }

    private sealed record PersonnelFields(IReadOnlyList<string> Skills, Period? Period, StaffLoanModel? StaffLoanModel, bool? EmployeesAgreed);

    private static PersonnelFields ValidatePersonnel(FieldErrors errors, ListingDraft draft, ListingType? type, bool offer, DateOnly today)
    {
        if (type is not ListingType.Personnel)
        {
            if (type is not null)
            {
                OnlyForType(errors, FieldNames.Skills, draft.Skills, "personnel", "Personal");
                OnlyForType(errors, FieldNames.PeriodFrom, draft.PeriodFrom, "personnel", "Personal");
                OnlyForType(errors, FieldNames.PeriodUntil, draft.PeriodUntil, "personnel", "Personal");
                OnlyForType(errors, FieldNames.StaffLoanModel, draft.StaffLoanModel, "personnel", "Personal");
                OnlyForType(errors, FieldNames.EmployeesAgreed, draft.EmployeesAgreed, "personnel", "Personal");
            }

            return new PersonnelFields([], null, null, null);
        }

        var skills = new List<string>();
        if (draft.Skills is null || draft.Skills.Count == 0)
        {
            errors.Add(FieldNames.Skills, "Name at least one skill.", "Nennen Sie mindestens eine Fähigkeit.");
        }
        else if (draft.Skills.Count > MaxListItems)
        {
            errors.Add(FieldNames.Skills, $"Name at most {MaxListItems} skills.", $"Nennen Sie höchstens {MaxListItems} Fähigkeiten.");
        }
        else
        {
            foreach (var skill in draft.Skills)
            {
                var text = Text(errors, FieldNames.Skills, skill, required: true, min: 2, max: 80, multiline: false);
                if (text is not null && !skills.Contains(text, StringComparer.OrdinalIgnoreCase))
                {
                    skills.Add(text);
                }
            }
        }

        Period? period = null;
        if (draft.PeriodFrom is null)
        {
            Required(errors, FieldNames.PeriodFrom);
        }

        if (draft.PeriodUntil is null)
        {
            Required(errors, FieldNames.PeriodUntil);
        }

        if (draft is { PeriodFrom: { } from, PeriodUntil: { } until })
        {
            if (until < from)
            {
                errors.Add(FieldNames.PeriodUntil, "The period must end on or after its start.", "Der Zeitraum muss am oder nach dem Beginn enden.");
            }
            else if (until < today)
            {
                errors.Add(FieldNames.PeriodUntil, "The period is already over.", "Der Zeitraum ist schon vorbei.");
            }
            else if (until > from.AddYears(2))
            {
                errors.Add(FieldNames.PeriodUntil, "A staff loan can last at most two years here.", "Eine Personalüberlassung kann hier höchstens zwei Jahre dauern.");
            }
            else
            {
                period = new Period(from, until);
            }
        }

        StaffLoanModel? model = null;
        if (offer)
        {
            if (draft.StaffLoanModel is null)
            {
                Required(errors, FieldNames.StaffLoanModel);
            }
            else if ((model = ListingCodes.ParseStaffLoanModel(draft.StaffLoanModel)) is null)
            {
                errors.Add(FieldNames.StaffLoanModel, "Choose side-job, suspended-contract or agency-exception.", "Wählen Sie side-job (Nebentätigkeit), suspended-contract (ruhender Vertrag) oder agency-exception (Ausnahme vom AÜG).");
            }

            if (draft.EmployeesAgreed is not true)
            {
                errors.Add(FieldNames.EmployeesAgreed, "Staff can only be lent when the employees agreed. Confirm that they did.", "Personal darf nur mit Zustimmung der Beschäftigten verliehen werden. Bestätigen Sie die Zustimmung.");
            }
        }

        return new PersonnelFields(skills, period, model, offer ? true : null);
    }

    private static string? Text(FieldErrors errors, string field, string? value, bool required, int min, int max, bool multiline)
    {
        if (value is null || value.Trim().Length == 0)
        {
            if (required)
            {
                Required(errors, field);
            }

            return null;
        }

        var text = value.Trim();
        if (text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
        {
            errors.Add(field, multiline ? "Remove the control characters." : "Remove line breaks and control characters.", multiline ? "Entfernen Sie die Steuerzeichen." : "Entfernen Sie Zeilenumbrüche und Steuerzeichen.");
            return null;
        }

        if (text.Length < min || text.Length > max)
        {
            errors.Add(field, $"Enter {min} to {max} characters (now {text.Length}).", $"Geben Sie {min} bis {max} Zeichen ein (jetzt {text.Length}).");
            return null;
        }

        return text;
    }

    private static string[] Codes(FieldErrors errors, string field, IReadOnlyList<string>? codes, Func<string, bool> isKnown, string en, string de, string catalogUrl)
    {
        if (codes is null)
        {
            return [];
        }

        if (codes.Count > MaxListItems)
        {
            errors.Add(field, $"Give at most {MaxListItems} entries.", $"Geben Sie höchstens {MaxListItems} Einträge an.");
            return [];
        }

        var unknown = codes.FirstOrDefault(c => !isKnown(c));
        if (unknown is not null)
        {
            var shown = unknown.Length > 40 ? unknown[..40] + "…" : unknown;
            errors.Add(field, $"Unknown {en} \"{Sanitize(shown)}\": choose from {catalogUrl}.", $"Unbekannte {de} „{Sanitize(shown)}“: wählen Sie aus {catalogUrl}.");
            return [];
        }

        return [.. codes.Distinct(StringComparer.Ordinal)];
    }

    private static string Sanitize(string text) => new([.. text.Select(c => char.IsControl(c) ? '?' : c)]);

    private static void Required(FieldErrors errors, string field) =>
        errors.Add(field, "This field is required.", "Dieses Feld ist erforderlich.");

    private static void OnlyOnOffers(FieldErrors errors, string field, object? value)
    {
        if (value is not null)
        {
            errors.Add(field, "This field is only for offers.", "Dieses Feld gibt es nur bei Angeboten.");
        }
    }

    private static void OnlyOnRequests(FieldErrors errors, string field, object? value)
    {
        if (value is not null)
        {
            errors.Add(field, "This field is only for requests (shortages).", "Dieses Feld gibt es nur bei Bedarfen.");
        }
    }

    private static void OnlyForType(FieldErrors errors, string field, object? value, string type, string typeDe)
    {
        if (value is not null)
        {
            errors.Add(field, $"This field is only for listings of type {type}.", $"Dieses Feld gibt es nur bei Einträgen vom Typ {typeDe}.");
        }
    }

    [GeneratedRegex(@"^[^@\s\p{C}]{1,64}@[^@\s\p{C}]+\.[^@\s\p{C}]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()/\-]{4,28}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}\-]{0,79}$")]
    private static partial Regex ClusterPattern();
}
