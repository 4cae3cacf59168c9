namespace ResponsePortal.Dashboard;

/// <summary>Everything /dashboard shows, also the body of GET /api/dashboard. Quantities are in each category's own unit.</summary>
public sealed record DashboardData(
    DashboardScope Scope,
    DashboardFilterView Filter,
    DateTimeOffset GeneratedAt,
    DashboardTotals Totals,
    IReadOnlyList<DimensionRow> ByCategory,
    IReadOnlyList<DimensionRow> ByRegion,
    IReadOnlyList<GapRow> CriticalGaps,
    LatencyView TimeToFirstMatch,
    FunnelView Funnel,
    IReadOnlyList<TrendDay> Trend);

/// <param name="Cluster">Null for authorities and admins (everything); the cluster a cluster manager sees.</param>
public sealed record DashboardScope(string Role, string? Cluster);

public sealed record DashboardFilterView(string? Category, string? Region, string? Urgency, string? Type, string Period);

/// <param name="FillRate">Matched (held) quantity of open demand divided by its quantity; null when there is no open demand.</param>
public sealed record DashboardTotals(
    long OpenOffers, long OpenOfferQuantity, long OpenRequests, long OpenRequestQuantity,
    long MatchedQuantity, long UnmetQuantity, double? FillRate,
    long PostedInPeriod, long MatchesInPeriod, long MatchedQuantityInPeriod);

/// <summary>Open supply against open demand for one category or region. Matched = demand quantity held by matches.</summary>
public sealed record DimensionRow(
    string Code, string Label, long Offers, long SupplyQuantity, long Requests, long DemandQuantity, long MatchedQuantity, long UnmetQuantity);

/// <summary>Open critical demand nobody's offer covers yet, per category and region: the supply-chain gaps.</summary>
public sealed record GapRow(string Category, string CategoryLabel, string Region, string RegionLabel, long Requests, long DemandQuantity, long UnmetQuantity);

/// <summary>
/// Time from posting a request to its first match proposal. From a histogram, so the percentiles are interpolated within
/// a bucket (see docs/dashboards.md); null when no request has been matched.
/// </summary>
public sealed record LatencyView(long MatchedRequests, double? MedianSeconds, double? P90Seconds, IReadOnlyList<LatencyBucket> Buckets);

/// <param name="UpToSeconds">Exclusive upper bound; null for the last, open-ended bucket.</param>
public sealed record LatencyBucket(double FromSeconds, double? UpToSeconds, long Requests);

/// <summary>All matches made for the demand in scope, by state, and the closed ones by reason.</summary>
public sealed record FunnelView(long Proposed, long PartlyAccepted, long Accepted, long Completed, long Closed, IReadOnlyList<FunnelState> States, IReadOnlyList<FunnelReason> ClosureReasons);

public sealed record FunnelState(string State, long Matches, long Quantity);

public sealed record FunnelReason(string Reason, long Matches);

public sealed record TrendDay(DateOnly Day, long OffersPosted, long RequestsPosted, long Matches, long MatchedQuantity);
