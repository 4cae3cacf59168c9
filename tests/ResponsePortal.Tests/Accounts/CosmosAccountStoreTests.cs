using Microsoft.Azure.Cosmos;
using ResponsePortal.Accounts;
using ResponsePortal.Store.Cosmos;
using ResponsePortal.Tests.Emulators;

namespace ResponsePortal.Tests.Accounts;

/// <summary>The accounts contract against the Cosmos DB gateway protocol (npm emulator); each test has its own database.</summary>
[Collection(CosmosEmulatorGroup.Name)]
public sealed class CosmosAccountStoreTests(CosmosEmulator emulator) : AccountStoreContract
{
    private Database? _database;

    protected override async Task<IAccountStore> CreateStoreAsync()
    {
        _database = await emulator.NewDatabaseAsync();
        return CosmosAccountStore.ForDatabase(_database);
    }

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DeleteAsync();
        }
    }
}
