using ResponsePortal.BulkPosting;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Tests.BulkPosting;

public sealed class SqliteBulkUploadStoreTests : BulkUploadStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-bulk-tests", Guid.NewGuid().ToString("N"));
    private SqlitePortalDatabase? _database;

    protected override Task<IBulkUploadStore> CreateStoreAsync()
    {
        _database = SqlitePortalDatabase.Open(new PortalStorageOptions { DataDirectory = _directory });
        return Task.FromResult<IBulkUploadStore>(new SqliteBulkUploadStore(_database));
    }

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
