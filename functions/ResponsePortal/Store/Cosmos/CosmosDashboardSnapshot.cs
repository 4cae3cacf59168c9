using System.Globalization;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using ResponsePortal.Dashboard;
using ResponsePortal.Listings;

namespace ResponsePortal.Store.Cosmos;

/// <summary>A listing's dashboard dimensions: what SQLite keeps in <c>dash_listings</c>, read from the listing document.</summary>
/// <param name="Urgency">The enum name ("Critical"), "" for offers; <paramref name="Cluster"/> "" when the organisation names none.</param>
internal sealed record ListingFact(
    string Id, string Side, string Type, string Category, string Region, string Urgency, string Cluster, string Status, long Quantity, DateTimeOffset CreatedAt)
{
    /// <summary>Sortable UTC text, as SQLite's <c>created_at</c>: the export's order and the period's bound compare it.</summary>
    public string CreatedKey { get; } = Sortable(CreatedAt);

    public DateOnly Day => DateOnly.FromDateTime(CreatedAt.UtcDateTime);

    public static ListingFact From(Listing l) => new(
        l.Id, l.Side.ToString(), l.Type.ToString(), l.Category, l.Region, l.Urgency?.ToString() ?? "", l.Organisation.Cluster ?? "",
        l.Status.ToString(), l.Quantity, l.CreatedAt);

    /// <summary>The filter and the viewer's scope, with the meaning of <c>DashboardService.Where</c>.</summary>
    /// <param name="sideAwareUrgency">True: urgency filters demand only, offers stay in view as the supply that could serve it.</param>
    public bool Passes(DashboardFilter filter, string? scope, bool sideAwareUrgency) =>
        (filter.Category is not { } category || Category == category)
        && (filter.Region is not { } region || Region.StartsWith(region, StringComparison.Ordinal))
        && (filter.Type is not { } type || Type == type.ToString())
        && (filter.Urgency is not { } urgency || (sideAwareUrgency && Side == "Offer") || Urgency == urgency.ToString())
        && (scope is null || Cluster == scope);

    public static string Sortable(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}

/// <param name="Reason">A closure reason code, "" while open.</param>
internal sealed record MatchFact(string Id, string OfferId, string RequestId, string State, string Reason, long Quantity, DateTimeOffset CreatedAt)
{
    public string CreatedKey { get; } = ListingFact.Sortable(CreatedAt);
}

/// <summary>A match with its request's dimensions (SQLite's <c>dash_matches</c>): the funnel and the trend filter on those.</summary>
internal sealed record MatchRow(MatchFact Match, ListingFact Request, string OfferCluster);

/// <summary>
/// Everything the dashboard needs from Cosmos DB, read at one moment: every listing's dimensions and every match's
/// state and quantity, joined in memory. Cosmos has no triggers across containers and no joins, so this replaces
/// SQLite's aggregate tables; see <see cref="CosmosDashboardSnapshots"/> for how often it is read and what it costs.
/// </summary>
internal sealed class DashboardSnapshot
{
    public DashboardSnapshot(IReadOnlyList<ListingFact> listings, IReadOnlyList<MatchFact> matches)
    {
        Listings = listings;
        var byId = listings.ToDictionary(l => l.Id, StringComparer.Ordinal);
        var holding = DashboardSchema.HoldingStates.Split(',').Select(s => s.Trim().Trim('\'')).ToHashSet(StringComparer.Ordinal);
        foreach (var match in matches)
        {
            foreach (var id in new[] { match.OfferId, match.RequestId })
            {
                if (holding.Contains(match.State))
                {
                    Held[id] = Held.GetValueOrDefault(id) + match.Quantity;
                }

                if (!FirstMatch.TryGetValue(id, out var first) || match.CreatedAt < first)
                {
                    FirstMatch[id] = match.CreatedAt;
                }
            }
        }

        // As SQLite's dash_matches: a match counts with its request's dimensions; one whose request is gone does not count.
        Matches = [.. matches
            .Where(m => byId.ContainsKey(m.RequestId))
            .Select(m => new MatchRow(m, byId[m.RequestId], byId.TryGetValue(m.OfferId, out var offer) ? offer.Cluster : ""))];
    }

    public IReadOnlyList<ListingFact> Listings { get; }

    public IReadOnlyList<MatchRow> Matches { get; }

    /// <summary>Per listing: the quantity its matches in a holding state hold (proposed … completed).</summary>
    public Dictionary<string, long> Held { get; } = new(StringComparer.Ordinal);

    /// <summary>Per listing: when its first match (any state) was made.</summary>
    public Dictionary<string, DateTimeOffset> FirstMatch { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Reads <see cref="DashboardSnapshot"/>s and keeps the last one for <see cref="MaxAge"/>: one snapshot serves every
/// viewer and filter of an instance meanwhile, so the RU cost is per refresh, not per view (docs/cosmos.md). Concurrent
/// requests after expiry share one read. Queries: one per listing side, one for matches, all single-partition, each a
/// projection of the few fields needed.
/// </summary>
public sealed class CosmosDashboardSnapshots(Container listings, Container matches, TimeProvider time)
{
    /// <summary>Dashboards are for situational awareness; half a minute behind is fine and bounds the cost.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private (DashboardSnapshot Snapshot, DateTimeOffset ReadAt)? _current;
    private Task<DashboardSnapshot>? _loading;

    public static CosmosDashboardSnapshots ForDatabase(Database database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new CosmosDashboardSnapshots(database.GetContainer(CosmosContainers.Listings), database.GetContainer(CosmosContainers.Matches), time);
    }

    internal Task<DashboardSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_current is { } current && time.GetUtcNow() - current.ReadAt < MaxAge)
            {
                return Task.FromResult(current.Snapshot);
            }

            // Not cancelled by one caller: others may be waiting for the same read.
            _loading ??= LoadAsync();
            return _loading.WaitAsync(cancellationToken);
        }
    }

    private async Task<DashboardSnapshot> LoadAsync()
    {
        try
        {
            var readAt = time.GetUtcNow();
            var offers = ReadListingsAsync(ListingSide.Offer);
            var requests = ReadListingsAsync(ListingSide.Request);
            var matchFacts = ReadMatchesAsync();
            var snapshot = new DashboardSnapshot([.. await offers.ConfigureAwait(false), .. await requests.ConfigureAwait(false)], await matchFacts.ConfigureAwait(false));
            lock (_lock)
            {
                _current = (snapshot, readAt);
            }

            return snapshot;
        }
        finally
        {
            lock (_lock)
            {
                _loading = null;
            }
        }
    }

    private async Task<List<ListingFact>> ReadListingsAsync(ListingSide side)
    {
        var query = new QueryDefinition(
                "SELECT c.id, c.type, c.category, c.region, c.urgency, c.organisation.cluster AS cluster, c.status, c.quantity, c.createdAt FROM c WHERE c.side = @side")
            .WithParameter("@side", side.ToString());
        var facts = new List<ListingFact>();
        await foreach (var e in CosmosItems.QueryAsync(listings, query, side.ToString(), CancellationToken.None).ConfigureAwait(false))
        {
            facts.Add(new ListingFact(
                Text(e, "id"), side.ToString(), Text(e, "type"), Text(e, "category"), Text(e, "region"), Text(e, "urgency"), Text(e, "cluster"),
                Text(e, "status"), Number(e, "quantity"), e.GetProperty("createdAt").GetDateTimeOffset()));
        }

        return facts;
    }

    private async Task<List<MatchFact>> ReadMatchesAsync()
    {
        var query = new QueryDefinition(
                "SELECT c.id, c.offerId, c.requestId, c.state, c.closureReason, c.quantity, c.createdAt FROM c WHERE c.pk = @pk")
            .WithParameter("@pk", CosmosMatchDocument.MatchPartition);
        var facts = new List<MatchFact>();
        await foreach (var e in CosmosItems.QueryAsync(matches, query, CosmosMatchDocument.MatchPartition, CancellationToken.None).ConfigureAwait(false))
        {
            facts.Add(new MatchFact(
                Text(e, "id"), Text(e, "offerId"), Text(e, "requestId"), Text(e, "state"), Text(e, "closureReason"), Number(e, "quantity"),
                e.GetProperty("createdAt").GetDateTimeOffset()));
        }

        return facts;
    }

    /// <summary>A projection leaves out fields the document lacks (an offer's urgency): those read as "".</summary>
    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static long Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
}
