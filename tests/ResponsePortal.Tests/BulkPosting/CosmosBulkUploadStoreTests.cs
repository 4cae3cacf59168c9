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
        // The contract's uploads are "orphaned" for a clock past ResumeAfter; the real clock is tested below.
        return CosmosBulkUploadStore.ForDatabase(_database, new ShiftedClock(IBulkUploadStore.ResumeAfter + TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task An_upload_written_to_recently_is_not_resumed_by_another_instance()
    {
        var store = CosmosBulkUploadStore.ForDatabase(_database!, TimeProvider.System);
        var upload = new BulkUpload("u1", "cm@example.org", null, "f.csv", "h", "en", BulkStates.Running, 1, 0, 0, 0, 0, [], DateTimeOffset.UtcNow, null);
        await store.CreateAsync(upload, [1, 2, 3], CancellationToken.None);

        Assert.Empty(await store.UnfinishedAsync(CancellationToken.None));
        Assert.Single(await Store.UnfinishedAsync(CancellationToken.None));
    }

    private sealed class ShiftedClock(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + by;
    }

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DeleteAsync();
        }
    }
}
