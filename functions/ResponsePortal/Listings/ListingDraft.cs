namespace ResponsePortal.Listings;

/// <summary>
/// What a client sent, before validation: every field of the listing API as a raw, nullable value.
/// The JSON API and the HTML forms both produce a draft, so one validator decides for both.
/// Field names follow shared/formats/api-listing.md; <see cref="FieldNames"/> holds their wire names.
/// </summary>
public sealed record ListingDraft
{
    public string? Type { get; init; }
    public string? Category { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public long? Quantity { get; init; }
    public string? Unit { get; init; }
    public string? Region { get; init; }
    public double? Lat { get; init; }
    public double? Lon { get; init; }
    public long? RadiusKm { get; init; }
    public DateOnly? AvailableFrom { get; init; }
    public DateOnly? NeededBy { get; init; }
    public string? Urgency { get; init; }
    public long? DaysOfSupplyLeft { get; init; }
    public DateOnly? ExpiresAt { get; init; }
    public IReadOnlyList<string>? Certifications { get; init; }
    public IReadOnlyList<string>? RequiredCertifications { get; init; }
    public string? OrganisationName { get; init; }
    public string? OrganisationCluster { get; init; }
    public string? ContactName { get; init; }
    public string? ContactEmail { get; init; }
    public string? ContactPhone { get; init; }
    public string? Language { get; init; }
    public long? LeadTimeDays { get; init; }
    public long? MinimumOrder { get; init; }
    public IReadOnlyList<string>? Skills { get; init; }
    public DateOnly? PeriodFrom { get; init; }
    public DateOnly? PeriodUntil { get; init; }
    public string? StaffLoanModel { get; init; }
    public bool? EmployeesAgreed { get; init; }

    /// <summary>A draft that shows a stored listing again, for the edit form and for edits through the API.</summary>
    public static ListingDraft From(Listing listing) => new()
    {
        Type = ListingCodes.Of(listing.Type),
        Category = listing.Category,
        Title = listing.Title,
        Description = listing.Description,
        Quantity = listing.Quantity,
        Unit = listing.Unit,
        Region = listing.Region,
        Lat = listing.Lat,
        Lon = listing.Lon,
        RadiusKm = listing.RadiusKm,
        AvailableFrom = listing.AvailableFrom,
        NeededBy = listing.NeededBy,
        Urgency = listing.Urgency is { } u ? ListingCodes.Of(u) : null,
        DaysOfSupplyLeft = listing.DaysOfSupplyLeft,
        ExpiresAt = listing.ExpiresAt,
        Certifications = listing.Side == ListingSide.Offer ? listing.Certifications : null,
        RequiredCertifications = listing.Side == ListingSide.Request ? listing.Certifications : null,
        OrganisationName = listing.Organisation.Name,
        OrganisationCluster = listing.Organisation.Cluster,
        ContactName = listing.Contact.Name,
        ContactEmail = listing.Contact.Email,
        ContactPhone = listing.Contact.Phone,
        Language = listing.Language,
        LeadTimeDays = listing.LeadTimeDays,
        MinimumOrder = listing.MinimumOrder,
        Skills = listing.Type == ListingType.Personnel ? listing.Skills : null,
        PeriodFrom = listing.Period?.From,
        PeriodUntil = listing.Period?.Until,
        StaffLoanModel = listing.StaffLoanModel is { } m ? ListingCodes.Of(m) : null,
        EmployeesAgreed = listing.EmployeesAgreed,
    };
}

/// <summary>The wire names of the listing fields: the JSON property paths, also used as HTML form field names.</summary>
public static class FieldNames
{
    public const string Type = "type";
    public const string Category = "category";
    public const string Title = "title";
    public const string Description = "description";
    public const string Quantity = "quantity";
    public const string Unit = "unit";
    public const string Region = "region";
    public const string Lat = "lat";
    public const string Lon = "lon";
    public const string RadiusKm = "radiusKm";
    public const string AvailableFrom = "availableFrom";
    public const string NeededBy = "neededBy";
    public const string Urgency = "urgency";
    public const string DaysOfSupplyLeft = "daysOfSupplyLeft";
    public const string ExpiresAt = "expiresAt";
    public const string Certifications = "certifications";
    public const string RequiredCertifications = "requiredCertifications";
    public const string Organisation = "organisation";
    public const string OrganisationName = "organisation.name";
    public const string OrganisationCluster = "organisation.cluster";
    public const string Contact = "contact";
    public const string ContactName = "contact.name";
    public const string ContactEmail = "contact.email";
    public const string ContactPhone = "contact.phone";
    public const string Language = "language";
    public const string LeadTimeDays = "leadTimeDays";
    public const string MinimumOrder = "minimumOrder";
    public const string Skills = "skills";
    public const string Period = "period";
    public const string PeriodFrom = "period.from";
    public const string PeriodUntil = "period.until";
    public const string StaffLoanModel = "staffLoanModel";
    public const string EmployeesAgreed = "employeesAgreed";
}

/// <summary>The lower-case codes that the API uses for enums ("goods", "critical", "side-job").</summary>
public static class ListingCodes
{
    public static string Of(ListingType type) => type switch
    {
        ListingType.Goods => "goods",
        ListingType.Capacity => "capacity",
        _ => "personnel",
    };

    public static string Of(Urgency urgency) => urgency switch
    {
        Urgency.Critical => "critical",
        Urgency.High => "high",
        _ => "normal",
    };

    public static string Of(StaffLoanModel model) => model switch
    {
        StaffLoanModel.SideJob => "side-job",
        StaffLoanModel.SuspendedContract => "suspended-contract",
        _ => "agency-exception",
    };

    public static string Of(ListingSide side) => side == ListingSide.Offer ? "offer" : "request";

    public static string Of(ListingStatus status) => status switch
    {
        ListingStatus.Open => "open",
        ListingStatus.Withdrawn => "withdrawn",
        _ => "expired",
    };

    public static ListingType? ParseType(string? code) => code switch
    {
        "goods" => ListingType.Goods,
        "capacity" => ListingType.Capacity,
        "personnel" => ListingType.Personnel,
        _ => null,
    };

    public static Urgency? ParseUrgency(string? code) => code switch
    {
        "critical" => Urgency.Critical,
        "high" => Urgency.High,
        "normal" => Urgency.Normal,
        _ => null,
    };

    public static StaffLoanModel? ParseStaffLoanModel(string? code) => code switch
    {
        "side-job" => StaffLoanModel.SideJob,
        "suspended-contract" => StaffLoanModel.SuspendedContract,
        "agency-exception" => StaffLoanModel.AgencyException,
        _ => null,
    };
}
