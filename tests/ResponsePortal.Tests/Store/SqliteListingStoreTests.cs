using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ResponsePortal.Catalog;
using ResponsePortal.Listings;
using ResponsePortal.Pipeline;
using ResponsePortal.Store;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Tests.Store;

public sealed class SqliteListingStoreTests : ListingStoreContract
{
    private static readonly PortalCatalog Catalog = PortalCatalog.Load();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-store-tests", Guid.NewGuid().ToString("N"));

    private PortalStorageOptions Options => new() { DataDirectory = _directory };

    protected override Task<IListingStore> CreateStoreAsync() => Task.FromResult<IListingStore>(SqliteListingStore.Open(Options));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_completed_create_survives_closing_and_reopening_the_store()
    {
        var listing = TestListings.Offer(ListingType.Personnel);
        await using (var first = SqliteListingStore.Open(Options))
        {
            await first.CreateAsync(listing, new IdempotencyClaim("k", "h"), None);
        }

        await using var reopened = SqliteListingStore.Open(Options);

        AssertSameListing(listing, await reopened.FindAsync(listing.Id, None));
        Assert.IsType<CreateListingResult.Replayed>(await reopened.CreateAsync(TestListings.Offer(), new IdempotencyClaim("k", "h"), None));
    }

    [Fact]
    public async Task Closing_the_store_leaves_portal_db_alone_holding_every_write()
    {
        var own = new PortalStorageOptions { DataDirectory = Path.Combine(_directory, "own") }; // the contract's store holds Options
        var listings = Enumerable.Range(0, 20).Select(_ => TestListings.Offer()).ToList();
        await using (var store = SqliteListingStore.Open(own))
        {
            await Task.WhenAll(listings.Select(l => store.CreateAsync(l, null, None)));
            Assert.NotNull(await store.FindAsync(listings[0].Id, None)); // a pooled read connection is open now
        }

        var databaseFile = Path.Combine(own.DataDirectory, SqlitePortalDatabase.FileName);
        Assert.False(File.Exists(databaseFile + "-wal"), "the WAL should have been copied into portal.db and deleted");
        Assert.False(File.Exists(databaseFile + "-shm"));
        var copy = Path.Combine(_directory, "backup");
        Directory.CreateDirectory(copy);
        File.Copy(databaseFile, Path.Combine(copy, SqlitePortalDatabase.FileName));
        await using var restored = SqliteListingStore.Open(new PortalStorageOptions { DataDirectory = copy });
        Assert.Equal(listings.Count, (await restored.QueryAsync(new ListingQuery(ListingSide.Offer), None)).Total);
    }

    [Fact]
    public async Task Reopening_applies_no_migration_twice()
    {
        await using (SqliteListingStore.Open(Options))
        {
        }

        await using var database = SqlitePortalDatabase.Open(Options);
        var (applied, versions) = await database.ExecuteInWriteTransactionAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT COUNT(*) FROM schema_version";
            return (SqliteMigrations.CurrentVersion(connection, transaction), (long)command.ExecuteScalar()!);
        }, None);

        Assert.Equal(SqliteMigrations.All[^1].Version, applied);
        Assert.Equal(SqliteMigrations.All.Count, versions);
    }

    [Fact]
    public async Task The_writer_uses_wal_and_synchronous_full()
    {
        await using var database = SqlitePortalDatabase.Open(Options);

        var (journalMode, synchronous) = await database.ExecuteInWriteTransactionAsync((connection, transaction) =>
            ((string)Pragma(connection, transaction, "journal_mode"), (long)Pragma(connection, transaction, "synchronous")), None);

        Assert.Equal("wal", journalMode);
        Assert.Equal(2, synchronous); // FULL
    }

    [Fact]
    public async Task The_body_is_json_with_enum_names_and_the_columns_copy_it()
    {
        await using var database = SqlitePortalDatabase.Open(Options);
        var listing = TestListings.Offer(ListingType.Personnel);
        await new SqliteListingStore(database, Catalog).CreateAsync(listing, null, None);

        var (body, side, createdAt) = await database.ExecuteInWriteTransactionAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT body, side, created_at FROM listings";
            using var reader = command.ExecuteReader();
            reader.Read();
            return (reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }, None);

        Assert.Contains("\"side\":\"Offer\"", body, StringComparison.Ordinal);
        Assert.Contains("\"staffLoanModel\":\"SuspendedContract\"", body, StringComparison.Ordinal);
        Assert.Equal("Offer", side);
        Assert.Equal("2026-03-02T08:30:15.0000000Z", createdAt);
    }

    [Fact]
    public async Task A_failing_write_rolls_back_only_itself()
    {
        await using var database = SqlitePortalDatabase.Open(Options);
        var store = new SqliteListingStore(database, Catalog);
        var doomed = TestListings.Offer();
        var neighbours = Enumerable.Range(0, 20).Select(_ => TestListings.Offer()).ToList();

        var neighbourWrites = neighbours.Select(l => store.CreateAsync(l, null, None)).ToList();
        var failing = database.ExecuteInWriteTransactionAsync<int>((connection, transaction) =>
        {
            SqliteListingStore.Create(connection, transaction, doomed, new IdempotencyClaim("doomed", "h"), Catalog);
            throw new InvalidOperationException("the second half of this write failed");
        }, None);
        neighbourWrites.AddRange(neighbours.Take(3).Select(l => store.CreateAsync(l with { Id = TestListings.NewId() }, null, None)));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        await Task.WhenAll(neighbourWrites);

        Assert.Equal("the second half of this write failed", error.Message);
        Assert.Null(await store.FindAsync(doomed.Id, None));
        Assert.IsType<CreateListingResult.Created>(await store.CreateAsync(TestListings.Offer(), new IdempotencyClaim("doomed", "h"), None));
        Assert.Equal(24, (await store.QueryAsync(new ListingQuery(ListingSide.Offer), None)).Total);
    }

    [Fact]
    public async Task The_match_work_of_one_commit_is_one_item_and_a_failed_write_queues_none()
    {
        await using var database = SqlitePortalDatabase.Open(Options);
        await new SqliteListingStore(database, Catalog).CreateAsync(TestListings.Request(), null, None); // the offers' partner
        var listings = Enumerable.Range(0, 40).Select(_ => TestListings.Offer()).ToList();

        await CreateInOneCommitWithAFailedWriteAsync(database, listings);

        var items = new List<MatchWork>();
        await DatabaseRows.ReadAsync(database, "SELECT body FROM work_items WHERE queue = 'match'", reader => items.Add(MatchWork.Parse(reader.GetString(0))));
        Assert.Single(items);
        Assert.Equal(listings.Select(l => l.Id).Order(StringComparer.Ordinal), items[0].Ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_dashboard_counts_of_one_commit_are_the_sums_of_its_listings_and_a_failed_write_adds_none()
    {
        await using var database = SqlitePortalDatabase.Open(Options);
        // Several listings per cube cell and per day, several cells, both sides, with and without urgency and cluster.
        var listings = Enumerable.Range(0, 40).Select(i =>
        {
            var listing = i % 2 == 0
                ? TestListings.Offer(category: i % 4 == 0 ? "33141620" : "33631600", region: i % 3 == 0 ? "DE600" : "DE300")
                : TestListings.Request(createdAt: TestListings.Now.AddDays(-(i % 3)), region: i % 5 == 0 ? "DE600" : "DE212");
            return listing with
            {
                Quantity = 100 + i,
                Organisation = listing.Organisation with { Cluster = i % 7 == 0 ? null : "Life Science Nord" },
            };
        }).ToList();

        await CreateInOneCommitWithAFailedWriteAsync(database, listings);

        // The expected sums from the listings themselves, keyed like the aggregates' rows.
        var cube = listings
            .GroupBy(l => $"{l.Side}|{l.Type}|{l.Category}|{l.Region}|{l.Urgency?.ToString() ?? ""}|{l.Organisation.Cluster ?? ""}|{l.Status}")
            .ToDictionary(g => g.Key, g => $"{g.Count()}|{g.Sum(l => l.Quantity)}|0");
        var daily = listings
            .GroupBy(l => $"{Day(l)}|{l.Side}|{l.Type}|{l.Category}|{l.Region}|{l.Urgency?.ToString() ?? ""}|{l.Organisation.Cluster ?? ""}")
            .ToDictionary(g => g.Key, g => $"{g.Count()}|{g.Sum(l => l.Quantity)}");
        var dailyAll = listings.GroupBy(l => $"{Day(l)}|{l.Side}").ToDictionary(g => g.Key, g => $"{g.Count()}|{g.Sum(l => l.Quantity)}");
        Assert.True(cube.Count is > 4 and < 40, $"the scenario should share cells: {cube.Count} cells");

        Assert.Equal(cube, await DatabaseRows.RowsAsync(database,
            "SELECT side || '|' || type || '|' || category || '|' || region || '|' || urgency || '|' || cluster || '|' || status, listings || '|' || quantity || '|' || held FROM dash_cube"));
        Assert.Equal(daily, await DatabaseRows.RowsAsync(database,
            "SELECT day || '|' || side || '|' || type || '|' || category || '|' || region || '|' || urgency || '|' || cluster, posted || '|' || posted_quantity FROM dash_daily"));
        Assert.Equal(dailyAll, await DatabaseRows.RowsAsync(database, "SELECT day || '|' || side, posted || '|' || posted_quantity FROM dash_daily_all"));

        static string Day(Listing listing) => listing.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Creates <paramref name="listings"/> so that they land in one commit, together with a write that creates another
    /// listing and then throws: the writer is held while they queue up behind it.
    /// </summary>
    private static async Task CreateInOneCommitWithAFailedWriteAsync(SqlitePortalDatabase database, IReadOnlyList<Listing> listings)
    {
        var store = new SqliteListingStore(database, Catalog);
        using var gate = await HeldWriter.HoldAsync(database.ExecuteInWriteTransactionAsync);
        var half = listings.Count / 2;
        var creates = listings.Take(half).Select(l => store.CreateAsync(l, null, None)).ToList();
        var failing = database.ExecuteInWriteTransactionAsync<int>((connection, transaction) =>
        {
            SqliteListingStore.Create(connection, transaction, TestListings.Request(), null, Catalog);
            throw new InvalidOperationException("this write failed after its inserts");
        }, None);
        creates.AddRange(listings.Skip(half).Select(l => store.CreateAsync(l, null, None)));
        var batchesBefore = database.CommittedWrites.Batches;
        await gate.ReleaseAsync();
        await Task.WhenAll(creates);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal(batchesBefore + 2, database.CommittedWrites.Batches); // the gate's commit, then everyone else's
    }

    [Fact]
    public async Task Creating_an_existing_id_fails_that_create_only()
    {
        var stored = await Create(TestListings.Offer());

        var duplicate = Store.CreateAsync(TestListings.Offer(id: stored.Id, title: "other"), null, None);
        var neighbour = Store.CreateAsync(TestListings.Offer(), null, None);

        await Assert.ThrowsAsync<SqliteException>(() => duplicate);
        Assert.IsType<CreateListingResult.Created>(await neighbour);
        AssertSameListing(stored, await Store.FindAsync(stored.Id, None));
    }

    [Fact]
    public void A_data_directory_that_cannot_be_created_fails_with_its_path()
    {
        var blocker = Path.Combine(_directory, "a-file");
        Directory.CreateDirectory(_directory);
        File.WriteAllText(blocker, "not a directory");

        var error = Assert.Throws<InvalidOperationException>(
            () => SqlitePortalDatabase.Open(new PortalStorageOptions { DataDirectory = Path.Combine(blocker, "data") }));

        Assert.Contains("Portal:DataDirectory", error.Message, StringComparison.Ordinal);
        Assert.Contains(blocker, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_registration_opens_the_configured_directory_at_start()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:DataDirectory"] = Path.Combine(_directory, "configured") })
            .Build();
        var services = new ServiceCollection().AddSqliteListingStore(configuration);
        await using var provider = services.BuildServiceProvider();

        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(None);
        }

        Assert.True(File.Exists(Path.Combine(_directory, "configured", SqlitePortalDatabase.FileName)));
        var store = provider.GetRequiredService<IListingStore>();
        Assert.IsType<CreateListingResult.Created>(await store.CreateAsync(TestListings.Request(), null, None));
    }

    private static object Pragma(SqliteConnection connection, SqliteTransaction transaction, string name)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"PRAGMA {name}";
        return command.ExecuteScalar()!;
    }
}
