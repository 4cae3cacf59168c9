using System.Text.Json;
using Microsoft.Azure.Cosmos;
using ResponsePortal.Accounts;
using ResponsePortal.Catalog;
using ResponsePortal.Dashboard;
using ResponsePortal.Export;
using ResponsePortal.Listings;
using ResponsePortal.Matching;
using ResponsePortal.Store;
using ResponsePortal.Store.Cosmos;
using ResponsePortal.Store.Sqlite;
using ResponsePortal.Tests.Emulators;
using ResponsePortal.Tests.Store;

namespace ResponsePortal.Tests.Dashboard;

/// <summary>
/// One scenario written through each store's own adapters (listings and matches), then every dashboard figure and
/// export row compared: SQLite's trigger-kept aggregates and Cosmos' in-memory aggregation must agree exactly.
/// </summary>
[Collection(CosmosEmulatorGroup.Name)]
public sealed class DashboardStoresAgreeTests(CosmosEmulator emulator) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly MatchReason Reason = new(12.5, "critical", ["EN 149 FFP2"], false, "33141620", 3.9, []);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private static readonly PortalCatalog Catalog = PortalCatalog.Load();
    private static readonly TimeProvider Clock = new FixedClock(Now);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-dash-agree", Guid.NewGuid().ToString("N"));
    private SqlitePortalDatabase? _sqlite;
    private Database? _cosmos;

    public static TheoryData<string, string?, string> Views() => new()
    {
        { "authority", null, "" },
        { "authority", null, "urgency=critical" },
        { "authority", null, "region=DE6&period=7d" },
        { "authority", null, "type=capacity&period=all" },
        { "authority", null, "category=33141620&period=90d" },
        { "cluster-manager", "healthcapital", "" },
        { "cluster-manager", "Life Science Nord", "urgency=normal&period=all" },
    };

    public async Task InitializeAsync()
    {
        _sqlite = SqlitePortalDatabase.Open(new PortalStorageOptions { DataDirectory = _directory });
        _cosmos = await emulator.NewDatabaseAsync();
        await WriteScenarioAsync(new SqliteListingStore(_sqlite, Catalog), new SqliteMatchStore(_sqlite, Clock));
        await WriteScenarioAsync(CosmosListingStore.ForDatabase(_cosmos), CosmosMatchStore.ForDatabase(_cosmos, Clock));
    }

    public async Task DisposeAsync()
    {
        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        if (_cosmos is not null)
        {
            await _cosmos.DeleteAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Both_stores_give_the_same_dashboard(string role, string? cluster, string query)
    {
        var (viewer, filter) = View(role, cluster, query);

        var sqlite = await new DashboardService(_sqlite!, Catalog, Clock).LoadAsync(viewer, filter, "en", CancellationToken.None);
        var cosmos = await new CosmosDashboardSource(CosmosDashboardSnapshots.ForDatabase(_cosmos!, Clock), Catalog, Clock).LoadAsync(viewer, filter, "en", CancellationToken.None);

        Assert.Equal(JsonSerializer.Serialize(sqlite, Json), JsonSerializer.Serialize(cosmos, Json));
    }

    [Fact]
    public async Task The_scenario_reaches_every_part_of_the_dashboard()
    {
        var (viewer, filter) = View("authority", null, "period=all");

        var data = await new CosmosDashboardSource(CosmosDashboardSnapshots.ForDatabase(_cosmos!, Clock), Catalog, Clock).LoadAsync(viewer, filter, "en", CancellationToken.None);

        Assert.Equal((2, 5, 4), (data.Totals.OpenOffers, data.Totals.OpenRequests, data.Funnel.Proposed));
        Assert.Equal((1, 1, 1), (data.Funnel.PartlyAccepted, data.Funnel.States.Single(s => s.State == "declined").Matches, data.Funnel.ClosureReasons.Count(r => r.Reason == "no-reply")));
        Assert.Equal(600 + 6, data.Totals.MatchedQuantity); // r1 (with r5 in its cell) holds 600, r4 6; declined and expired hold nothing
        Assert.NotEmpty(data.CriticalGaps);
        Assert.Equal(4, data.TimeToFirstMatch.MatchedRequests);
    }

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Both_stores_give_the_same_exports(string role, string? cluster, string query)
    {
        var (viewer, filter) = View(role, cluster, query);
        var sqliteExport = new ExportRows(_sqlite!, new DashboardService(_sqlite!, Catalog, Clock), Clock);
        var cosmosExport = CosmosExportSource.ForDatabase(_cosmos!, CosmosDashboardSnapshots.ForDatabase(_cosmos!, Clock), Catalog, Clock);

        Assert.Equal(await Serialize(sqliteExport.ListingsAsync(viewer, filter, "en", CancellationToken.None)),
            await Serialize(cosmosExport.ListingsAsync(viewer, filter, "en", CancellationToken.None)));
        Assert.Equal(await Serialize(sqliteExport.MatchesAsync(viewer, filter, CancellationToken.None)),
            await Serialize(cosmosExport.MatchesAsync(viewer, filter, CancellationToken.None)));
    }

    private static (Viewer Viewer, DashboardFilter Filter) View(string role, string? cluster, string query) =>
        (new Viewer("viewer@example.org", RoleCodes.Parse(role)!.Value, cluster),
            DashboardFilter.From(new Microsoft.AspNetCore.Http.QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query))));

    private static async Task<string> Serialize<T>(IAsyncEnumerable<T> rows)
    {
        var list = new List<T>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }

        return JsonSerializer.Serialize(list, Json);
    }

    /// <summary>
    /// Offers and requests across categories, regions, urgencies, clusters, statuses and days; matches in every kind of
    /// state: proposed, accepted by one side, declined, expired. Same ids in both stores, so the rows compare one to one.
    /// </summary>
    private static async Task WriteScenarioAsync(IListingStore listings, IMatchStore matches)
    {
        Listing Cluster(Listing l, string? cluster) => l with { Organisation = l.Organisation with { Cluster = cluster } };
        var o1 = Cluster(TestListings.Offer(id: "o1", createdAt: Now.AddDays(-1)) with { Quantity = 1000 }, "Life Science Nord");
        var o2 = Cluster(TestListings.Offer(ListingType.Capacity, "24455000", "DE300", id: "o2", createdAt: Now.AddDays(-3)) with { Quantity = 500 }, "healthcapital");
        var o3 = TestListings.Offer(region: "DE212", status: ListingStatus.Withdrawn, id: "o3", createdAt: Now.AddDays(-40));
        var r1 = Cluster(TestListings.Request(id: "r1", createdAt: Now.AddDays(-2)) with { Quantity = 800 }, "healthcapital");
        var r2 = Cluster(TestListings.Request(region: "DE300", id: "r2", createdAt: Now.AddHours(-5)) with { Quantity = 400 }, "Life Science Nord");
        var r3 = Cluster(TestListings.Request(ListingType.Capacity, "24455000", "DE212", id: "r3", createdAt: Now.AddDays(-10)) with { Quantity = 300, Urgency = Urgency.Normal }, null);
        var r4 = Cluster(TestListings.Request(ListingType.Personnel, "79620000", "DE600", id: "r4", createdAt: Now.AddMinutes(-3)) with { Urgency = Urgency.High }, "healthcapital");
        var r5 = Cluster(TestListings.Request(region: "DE600", id: "r5", createdAt: Now.AddDays(-60)) with { Quantity = 50 }, "healthcapital");
        foreach (var listing in new[] { o1, o2, o3, r1, r2, r3, r4, r5 })
        {
            await listings.CreateAsync(listing, null, CancellationToken.None);
        }

        ProposedMatch Proposal(Listing offer, Listing request, long quantity) =>
            new(offer.Id, request.Id, MatchIds.TermsOf(offer), MatchIds.TermsOf(request), quantity, Reason);
        var stored = await matches.ProposeAsync([Proposal(o1, r1, 600), Proposal(o1, r2, 300), Proposal(o2, r3, 200), Proposal(o2, r4, 6)], CancellationToken.None);
        Assert.Equal(4, stored.Count);
        var byRequest = stored.ToDictionary(m => m.RequestId);
        await matches.RespondAsync(byRequest["r1"].Id, MatchParty.Offer, RespondAction.Accept, "link-1", CancellationToken.None);
        await matches.RespondAsync(byRequest["r2"].Id, MatchParty.Request, RespondAction.Decline, "link-2", CancellationToken.None);
        await matches.CloseOpenMatchesAsync("r3", null, MatchState.Expired, ClosureReason.NoReply, CancellationToken.None);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
