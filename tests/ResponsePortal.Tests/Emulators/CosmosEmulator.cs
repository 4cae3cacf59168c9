using System.Text.RegularExpressions;
using Microsoft.Azure.Cosmos;
using ResponsePortal.Store.Cosmos;

namespace ResponsePortal.Tests.Emulators;

/// <summary>
/// One @vercel/cosmosdb-server process (HTTPS, self-signed, in memory) shared by every Cosmos test class;
/// each test gets its own database, so tests share nothing but the process.
/// </summary>
public sealed partial class CosmosEmulator : IAsyncLifetime
{
    /// <summary>The emulator accepts any key; this is the documented well-known emulator key.</summary>
    public const string WellKnownKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private EmulatorProcess? _process;
    private CosmosClient? _client;

    public CosmosClient Client => _client ?? throw new InvalidOperationException("The emulator has not started.");

    public CosmosStoreOptions Options => new()
    {
        AccountEndpoint = $"https://127.0.0.1:{_process?.Port}/",
        Key = WellKnownKey,
        AcceptAnyServerCertificate = true,
        CreateIfMissing = true,
    };

    public async Task InitializeAsync()
    {
        _process = await EmulatorProcess.StartAsync(
            "cosmosdb-server.js", ["--port", "0", "--host", "127.0.0.1"], ReadyLine(), TimeSpan.FromSeconds(30));
        _client = CosmosClientFactory.Create(Options);
    }

    /// <summary>A fresh database with the adapter's containers.</summary>
    public async Task<Database> NewDatabaseAsync() =>
        await CosmosContainers.CreateIfMissingAsync(Client, "test-" + Guid.NewGuid().ToString("N"), CancellationToken.None);

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    [GeneratedRegex(@"Ready to accept HTTPS connections at .*:(?<port>\d+)$")]
    private static partial Regex ReadyLine();
}

[CollectionDefinition(Name)]
public sealed class CosmosEmulatorGroup : ICollectionFixture<CosmosEmulator>
{
    public const string Name = "Cosmos DB emulator";
}
