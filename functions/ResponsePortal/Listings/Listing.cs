namespace ResponsePortal.Listings;

/// <summary>Supply (a company's offer) or demand (a cluster's shortage).</summary>
public enum ListingSide { Offer, Request }

public enum ListingType { Goods, Capacity, Personnel }

public enum Urgency { Critical, High, Normal }

/// <summary>The legal form of a staff loan (Hamburg "Personalpartnerschaft"): it decides who employs the person while lent.</summary>
public enum StaffLoanModel { SideJob, SuspendedContract, AgencyException }

public enum ListingStatus { Open, Withdrawn, Expired }

public sealed record Organisation(string Name, string? Cluster);

/// <summary>Who to reach. Email and phone are private: only the poster and, after both accepted a match, the counterpart see them.</summary>
public sealed record Contact(string Name, string Email, string? Phone);

public sealed record Period(DateOnly From, DateOnly Until);

/// <summary>
/// A validated, stored offer or request. Side-specific fields are null on the other side:
/// RadiusKm and AvailableFrom on offers; NeededBy, Urgency and DaysOfSupplyLeft on requests.
/// <see cref="Certifications"/> are held (offer) or required (request).
/// </summary>
public sealed record Listing
{
    public required string Id { get; init; }
    public required ListingSide Side { get; init; }
    public required ListingType Type { get; init; }
    public required string Category { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required long Quantity { get; init; }
    public required string Unit { get; init; }
    public required string Region { get; init; }
    public required double Lat { get; init; }
    public required double Lon { get; init; }
    public int? RadiusKm { get; init; }
    public DateOnly? AvailableFrom { get; init; }
    public DateOnly? NeededBy { get; init; }
    public Urgency? Urgency { get; init; }
    public int? DaysOfSupplyLeft { get; init; }
    public required DateOnly ExpiresAt { get; init; }
    public IReadOnlyList<string> Certifications { get; init; } = [];
    public required Organisation Organisation { get; init; }
    public required Contact Contact { get; init; }
    public required string Language { get; init; }
    // capacity
    public int? LeadTimeDays { get; init; }
    public long? MinimumOrder { get; init; }
    // personnel
    public IReadOnlyList<string> Skills { get; init; } = [];
    public Period? Period { get; init; }
    public StaffLoanModel? StaffLoanModel { get; init; }
    public bool? EmployeesAgreed { get; init; }

    public required ListingStatus Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>SHA-256 of the management token, hex. The token itself is never stored.</summary>
    public required string ManageTokenHash { get; init; }
    /// <summary>Optimistic concurrency: incremented by the store on every update.</summary>
    public long Version { get; init; }
}
