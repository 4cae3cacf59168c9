using ResponsePortal.Listings;

namespace ResponsePortal.Tests.Store;

/// <summary>
/// Valid listings with every field of their kind filled, for store, intake and matching tests.
/// Each call gets a new id unless one is given; pass <c>createdAt</c> to control "newest first".
/// </summary>
public static class TestListings
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 15, TimeSpan.FromHours(1));

    public static string NewId() => Guid.NewGuid().ToString("N");

    public static Listing Offer(
        ListingType type = ListingType.Goods,
        string category = "33141620",
        string region = "DE600",
        ListingStatus status = ListingStatus.Open,
        DateTimeOffset? createdAt = null,
        string? id = null,
        string title = "FFP2 masks, EN 149") =>
        WithTypeFields(Common(ListingSide.Offer, type, category, region, status, createdAt, id, title) with
        {
            RadiusKm = 250,
            AvailableFrom = new DateOnly(2026, 3, 5),
            Certifications = ["EN 149 FFP2", "CE"],
        });

    public static Listing Request(
        ListingType type = ListingType.Goods,
        string category = "33141620",
        string region = "DE600",
        ListingStatus status = ListingStatus.Open,
        DateTimeOffset? createdAt = null,
        string? id = null,
        string title = "FFP2 masks for care homes") =>
        WithTypeFields(Common(ListingSide.Request, type, category, region, status, createdAt, id, title) with
        {
            NeededBy = new DateOnly(2026, 3, 20),
            Urgency = Urgency.Critical,
            DaysOfSupplyLeft = 4,
            Certifications = ["EN 149 FFP2"],
        });

    private static Listing Common(
        ListingSide side, ListingType type, string category, string region, ListingStatus status,
        DateTimeOffset? createdAt, string? id, string title)
    {
        var created = createdAt ?? Now;
        return new Listing
        {
            Id = id ?? NewId(),
            Side = side,
            Type = type,
            Category = category,
            Title = title,
            Description = "Grüße aus Hamburg: boxes of 50, palletised.",
            Quantity = 12_000,
            Unit = "pieces",
            Region = region,
            Lat = 53.551086,
            Lon = 9.993682,
            ExpiresAt = new DateOnly(2026, 6, 30),
            Organisation = new Organisation("Hanse Medical GmbH", "Life Science Nord"),
            Contact = new Contact("Jana Peters", "jana.peters@example.org", "+49 40 123456"),
            Language = "de",
            Status = status,
            CreatedAt = created,
            UpdatedAt = created.AddMinutes(5),
            ManageTokenHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            Version = 0,
        };
    }

    private static Listing WithTypeFields(Listing listing) => listing.Type switch
    {
        ListingType.Capacity => listing with { Unit = "units/week", LeadTimeDays = 10, MinimumOrder = 500 },
        ListingType.Personnel => listing with
        {
            Quantity = 6,
            Unit = "people",
            Skills = ["warehouse logistics", "forklift operation"],
            Period = new Period(new DateOnly(2026, 3, 9), new DateOnly(2026, 5, 31)),
            StaffLoanModel = StaffLoanModel.SuspendedContract,
            EmployeesAgreed = true,
        },
        _ => listing,
    };
}
