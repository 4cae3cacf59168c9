using System.Text.RegularExpressions;
using ResponsePortal.Blobs;
using ResponsePortal.Blobs.Rest;

namespace ResponsePortal.Tests.Emulators;

/// <summary>One azurite-blob process (in a temporary folder) shared by the blob test classes.</summary>
public sealed partial class Azurite : IAsyncLifetime
{
    /// <summary>azurite's documented development account.</summary>
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _location = Path.Combine(Path.GetTempPath(), "portal-azurite", Guid.NewGuid().ToString("N"));
    private EmulatorProcess? _process;

    public Uri ServiceUri => new($"http://127.0.0.1:{_process?.Port}/{AccountName}/");

    public BlobRestOptions Options => new() { ServiceUri = ServiceUri, AccountName = AccountName, AccountKey = AccountKey, CreateIfMissing = true };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_location);
        _process = await EmulatorProcess.StartAsync(
            "node_modules/azurite/dist/src/blob/main.js",
            ["--blobHost", "127.0.0.1", "--blobPort", "0", "--location", _location, "--skipApiVersionCheck", "--disableProductStyleUrl"],
            ReadyLine(), TimeSpan.FromSeconds(60));
    }

    /// <summary>A store with the portal's containers created.</summary>
    public async Task<BlobRestStore> NewStoreAsync()
    {
        var store = BlobRestStore.Create(Options);
        await store.CreateContainersAsync(BlobContainers.All, CancellationToken.None);
        return store;
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        Directory.Delete(_location, recursive: true);
    }

    [GeneratedRegex(@"successfully listens on http://[^:]+:(?<port>\d+)")]
    private static partial Regex ReadyLine();
}

[CollectionDefinition(Name)]
public sealed class AzuriteGroup : ICollectionFixture<Azurite>
{
    public const string Name = "azurite";
}
