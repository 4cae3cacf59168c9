using ResponsePortal.Accounts;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Tests.Accounts;

public sealed class SqliteAccountStoreTests : AccountStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-account-tests", Guid.NewGuid().ToString("N"));
    private SqlitePortalDatabase? _database;

    protected override Task<IAccountStore> CreateStoreAsync()
    {
        _database = SqlitePortalDatabase.Open(new PortalStorageOptions { DataDirectory = _directory });
        return Task.FromResult<IAccountStore>(new SqliteAccountStore(_database));
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
