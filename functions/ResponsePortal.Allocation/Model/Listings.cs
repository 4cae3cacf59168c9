namespace ResponsePortal.Allocation;

/// <summary>How urgently a request must be served; the weight enters the value of every unit delivered.</summary>
public enum Urgency
{
    Normal,
    High,
    Critical,
}

/// <summary>
/// What a company can give: a quantity of one category (goods, capacity or, for personnel listings, headcount)
/// delivered from one place within a radius, from a date on.
/// </summary>
/// <remarks>
/// <see cref="Skills"/> and the period are only used by personnel listings (staff lent for a while); goods leave them empty.
/// </remarks>
public sealed record Offer(
    string Id,
    string Category,
    long Quantity,
    double Lat,
    double Lon,
    double RadiusKm,
    DateOnly AvailableFrom,
    IReadOnlyList<string> Certifications)
{
    /// <summary>Skill labels the lent staff has (ESCO-style); empty for goods.</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>First day the staff is available; null means open-ended.</summary>
    public DateOnly? PeriodFrom { get; init; }

    /// <summary>Last day the staff is available; null means open-ended.</summary>
    public DateOnly? PeriodUntil { get; init; }
}

/// <summary>A shortage posted by a cluster: how much of a category, where, by when, how urgent, which certifications.</summary>
/// <remarks>
/// <see cref="Skills"/> are the skills a personnel request asks for: an offer qualifies when it has at least one of them
/// (staff is matched per person, and a request naming several skills accepts any of them). Empty means no skill rule.
/// </remarks>
public sealed record Request(
    string Id,
    string Category,
    long Quantity,
    double Lat,
    double Lon,
    DateOnly NeededBy,
    Urgency Urgency,
    IReadOnlyList<string> RequiredCertifications)
{
    public IReadOnlyList<string> Skills { get; init; } = [];

    public DateOnly? PeriodFrom { get; init; }

    public DateOnly? PeriodUntil { get; init; }
}

/// <summary>A snapshot of open supply and demand plus the substitution rules, as in the shared scenario format.</summary>
/// <param name="Substitutes">Request category -> offer categories that may also serve it (besides the category itself).</param>
public sealed record Scenario(
    IReadOnlyList<Offer> Offers,
    IReadOnlyList<Request> Requests,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Substitutes);
