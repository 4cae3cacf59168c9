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
}
