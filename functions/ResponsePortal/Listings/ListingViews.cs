using System.Text.Json.Serialization;

namespace ResponsePortal.Listings;

/// <summary>
/// The body of POST /api/offers and /api/requests as documented in OpenAPI (shared/formats/api-listing.md).
/// The endpoints read the body with <see cref="ListingJsonReader"/> for precise field errors; this type only describes it.
/// </summary>
public sealed record ListingSubmission(
    string Type,
    string Category,
    string Title,
    string? Description,
    long Quantity,
    string? Unit,
    string Region,
    double? Lat,
    double? Lon,
    [property: JsonPropertyName("radiusKm")] int? RadiusKm,
    DateOnly? AvailableFrom,
    DateOnly? NeededBy,
    string? Urgency,
    int? DaysOfSupplyLeft,
    DateOnly? ExpiresAt,
    IReadOnlyList<string>? Certifications,
    IReadOnlyList<string>? RequiredCertifications,
    OrganisationView Organisation,
    ContactSubmission Contact,
    string? Language,
    int? LeadTimeDays,
    long? MinimumOrder,
    IReadOnlyList<string>? Skills,
    PeriodView? Period,
    string? StaffLoanModel,
    bool? EmployeesAgreed);

public sealed record ContactSubmission(string Name, string Email, string? Phone);

public sealed record OrganisationView(string Name, string? Cluster);

public sealed record PublicContactView(string Name);

public sealed record PeriodView(DateOnly From, DateOnly Until);

/// <summary>The answer to a successful POST: the one time the management link is shown.</summary>
public sealed record ListingCreatedView(string Id, string Status, string ManageUrl);

/// <summary>
/// What anyone may see of a listing. Contact e-mail and phone are left out by construction (the type has no
/// field for them), so no serializer setting can leak them.
/// </summary>
public sealed record PublicListingView(
    string Id,
    string Side,
    string Status,
    string Type,
    string Category,
    string Title,
    string? Description,
    long Quantity,
    string Unit,
    string Region,
    double Lat,
    double Lon,
    int? RadiusKm,
    DateOnly? AvailableFrom,
    DateOnly? NeededBy,
    string? Urgency,
    int? DaysOfSupplyLeft,
    DateOnly ExpiresAt,
    IReadOnlyList<string>? Certifications,
    IReadOnlyList<string>? RequiredCertifications,
    OrganisationView Organisation,
    PublicContactView Contact,
    string Language,
    int? LeadTimeDays,
    long? MinimumOrder,
    IReadOnlyList<string>? Skills,
    PeriodView? Period,
    string? StaffLoanModel,
    bool? EmployeesAgreed,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static PublicListingView From(Listing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var offer = listing.Side == ListingSide.Offer;
        return new PublicListingView(
            listing.Id,
            ListingCodes.Of(listing.Side),
            ListingCodes.Of(listing.Status),
            ListingCodes.Of(listing.Type),
            listing.Category,
            listing.Title,
            listing.Description,
            listing.Quantity,
            listing.Unit,
            listing.Region,
            listing.Lat,
            listing.Lon,
            listing.RadiusKm,
            listing.AvailableFrom,
            listing.NeededBy,
            listing.Urgency is { } u ? ListingCodes.Of(u) : null,
            listing.DaysOfSupplyLeft,
            listing.ExpiresAt,
            offer ? listing.Certifications : null,
            offer ? null : listing.Certifications,
            new OrganisationView(listing.Organisation.Name, listing.Organisation.Cluster),
            new PublicContactView(listing.Contact.Name),
            listing.Language,
            listing.LeadTimeDays,
            listing.MinimumOrder,
            listing.Type == ListingType.Personnel ? listing.Skills : null,
            listing.Period is { } p ? new PeriodView(p.From, p.Until) : null,
            listing.StaffLoanModel is { } m ? ListingCodes.Of(m) : null,
            listing.EmployeesAgreed,
            listing.CreatedAt,
            listing.UpdatedAt);
    }
}

/// <summary>What the poster sees through the management link: the public view plus their own contact details.</summary>
public sealed record ManagedListingView(PublicListingView Listing, ContactSubmission Contact)
{
    public static ManagedListingView From(Listing listing) =>
        new(PublicListingView.From(listing), new ContactSubmission(listing.Contact.Name, listing.Contact.Email, listing.Contact.Phone));
}

public sealed record ListingPageView(IReadOnlyList<PublicListingView> Items, int Page, int PageSize, long Total);
