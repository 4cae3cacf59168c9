using Microsoft.Azure.Cosmos;
using ResponsePortal.BulkPosting;
using ResponsePortal.Store.Cosmos;
using ResponsePortal.Tests.Emulators;

namespace ResponsePortal.Tests.BulkPosting;

/// <summary>The bulk upload contract against the Cosmos DB gateway protocol (npm emulator); each test has its own database.</summary>
[Collection(CosmosEmulatorGroup.Name)]
public sealed class CosmosBulkUploadStoreTests(CosmosEmulator emulator) : BulkUploadStoreContract
{
    private Database? _database;

    protected override async Task<IBulkUploadStore> CreateStoreAsync()
    {
        _database = await emulator.NewDatabaseAsync();
        return CosmosBulkUploadStore.ForDatabase(_database);
    }

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DeleteAsync();
        }
    }
}
