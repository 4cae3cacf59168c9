using Microsoft.Azure.Cosmos;
using ResponsePortal.Store.Cosmos;
using ResponsePortal.Tests.Emulators;
using ResponsePortal.Tests.Store;

namespace ResponsePortal.Tests.Dashboard;

/// <summary>The Cosmos dashboard reads its snapshot once per <see cref="CosmosDashboardSnapshots.MaxAge"/>, shared by concurrent views.</summary>
[Collection(CosmosEmulatorGroup.Name)]
public sealed class CosmosDashboardSnapshotsTests(CosmosEmulator emulator) : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero));
    private Database? _database;

    private Database Database => _database ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _database = await emulator.NewDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DeleteAsync();
        }
    }

    [Fact]
    public async Task A_snapshot_serves_until_it_is_older_than_the_maximum_age()
    {
        var listings = CosmosListingStore.ForDatabase(Database);
        var snapshots = CosmosDashboardSnapshots.ForDatabase(Database, _clock);
        await listings.CreateAsync(TestListings.Offer(), null, CancellationToken.None);

        var first = await snapshots.GetAsync(CancellationToken.None);
        await listings.CreateAsync(TestListings.Request(), null, CancellationToken.None);
        _clock.Advance(CosmosDashboardSnapshots.MaxAge - TimeSpan.FromSeconds(1));
        var cached = await snapshots.GetAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var fresh = await snapshots.GetAsync(CancellationToken.None);

        Assert.Same(first, cached);
        Assert.Single(cached.Listings);
        Assert.Equal(2, fresh.Listings.Count);
    }

    [Fact]
    public async Task Concurrent_views_after_expiry_share_one_read()
    {
        var snapshots = CosmosDashboardSnapshots.ForDatabase(Database, _clock);
        await CosmosListingStore.ForDatabase(Database).CreateAsync(TestListings.Offer(), null, CancellationToken.None);

        var all = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => snapshots.GetAsync(CancellationToken.None))));

        Assert.All(all, s => Assert.Same(all[0], s));
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
