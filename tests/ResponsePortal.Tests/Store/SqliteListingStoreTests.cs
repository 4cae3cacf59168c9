using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ResponsePortal.Listings;
using ResponsePortal.Pipeline;
using ResponsePortal.Store;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Tests.Store;

public sealed class SqliteListingStoreTests : ListingStoreContract
{
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
        await new SqliteListingStore(database).CreateAsync(listing, null, None);

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
        var store = new SqliteListingStore(database);
        var doomed = TestListings.Offer();
        var neighbours = Enumerable.Range(0, 20).Select(_ => TestListings.Offer()).ToList();

        var neighbourWrites = neighbours.Select(l => store.CreateAsync(l, null, None)).ToList();
        var failing = database.ExecuteInWriteTransactionAsync<int>((connection, transaction) =>
        {
            SqliteListingStore.Create(connection, transaction, doomed, new IdempotencyClaim("doomed", "h"));
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
        var store = new SqliteListingStore(database);
        var doomed = TestListings.Offer();
        var listings = Enumerable.Range(0, 40).Select(_ => TestListings.Offer()).ToList();

        // Hold the writer so everything below queues up behind it and lands in the next commit together.
        using var release = new ManualResetEventSlim();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = database.ExecuteInWriteTransactionAsync((_, _) =>
        {
            holding.SetResult();
            release.Wait(TimeSpan.FromSeconds(30));
            return 0;
        }, None);
        await holding.Task;
        var creates = listings.Take(20).Select(l => store.CreateAsync(l, null, None)).ToList();
        var failing = database.ExecuteInWriteTransactionAsync<int>((connection, transaction) =>
        {
            SqliteListingStore.Create(connection, transaction, doomed, null);
            throw new InvalidOperationException("this write failed after queueing match work");
        }, None);
        creates.AddRange(listings.Skip(20).Select(l => store.CreateAsync(l, null, None)));
        release.Set();
        await gate;
        await Task.WhenAll(creates);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);

        var connection = await database.OpenReadConnectionAsync(None);
        await using (connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT body FROM work_items WHERE queue = 'match'";
            var items = new List<MatchWork>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    items.Add(MatchWork.Parse(reader.GetString(0)));
                }
            }

            Assert.Single(items);
            Assert.Equal(listings.Select(l => l.Id).Order(StringComparer.Ordinal), items[0].Ids.Order(StringComparer.Ordinal));
        }
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
