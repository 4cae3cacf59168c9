using ResponsePortal.Catalog;
using ResponsePortal.Matching;
using ResponsePortal.Pipeline;
using ResponsePortal.Store;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Tests.Store;

/// <summary>The match store contract on the embedded SQLite file; the work caused is what lands in its work queue.</summary>
public sealed class SqliteMatchStoreTests : MatchStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-match-tests", Guid.NewGuid().ToString("N"));
    private SqlitePortalDatabase? _database;
    private SqliteWorkQueue? _queue;

    protected override Task<(IListingStore Listings, IMatchStore Matches)> CreateStoresAsync(TimeProvider time)
    {
        _database = SqlitePortalDatabase.Open(new PortalStorageOptions { DataDirectory = _directory });
        // The queue on the real clock: everything queued under the fixed test clock is visible to it at once.
        _queue = new SqliteWorkQueue(_database, TimeProvider.System);
        return Task.FromResult<(IListingStore, IMatchStore)>((new SqliteListingStore(_database, PortalCatalog.Load()), new SqliteMatchStore(_database, time)));
    }

    protected override async Task<IReadOnlyList<WorkMessage>> TakeQueuedWorkAsync()
    {
        var taken = new List<WorkMessage>();
        foreach (var queue in new[] { Queues.Match, Queues.Notify })
        {
            while (await _queue!.LeaseAsync(queue, 100, TimeSpan.FromMinutes(5), None) is { Count: > 0 } leased)
            {
                taken.AddRange(leased.Select(l => l.Message));
                await _queue.CompleteAsync(leased, [], None);
            }
        }

        return taken;
    }

    protected override Task<IReadOnlyList<WorkMessage>> ChangeFeedWorkAsync() => Task.FromResult<IReadOnlyList<WorkMessage>>([]);

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
