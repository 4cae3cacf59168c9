using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ResponsePortal.Blobs;
using ResponsePortal.Blobs.Folder;
using ResponsePortal.Blobs.Rest;
using ResponsePortal.Hosting;
using ResponsePortal.Tests.Emulators;

namespace ResponsePortal.Tests.Blobs;

/// <summary>Data Protection keys in Blob Storage (azurite) are shared by app instances; in embedded mode they stay in the data directory.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class BlobDataProtectionTests(Azurite azurite) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-dp-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>One app instance's Data Protection, as Program.cs sets it up, on its own service provider.</summary>
    private static ServiceProvider Instance(IBlobStore blobs, string container, string dataDirectory)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<PortalOptions>(o => o.DataDirectory = dataDirectory);
        services.AddSingleton(blobs);
        services.AddPortalDataProtection(container);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task A_token_protected_by_one_instance_is_unprotected_by_another_on_the_same_container()
    {
        var container = "dp-" + Guid.NewGuid().ToString("N")[..20];
        var store = BlobRestStore.Create(azurite.Options);
        await store.CreateContainersAsync([container], CancellationToken.None);

        string token;
        using (var first = Instance(store, container, Path.Combine(_directory, "one")))
        {
            token = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("sign-in").Protect("cm@example.org");
        }

        using var second = Instance(BlobRestStore.Create(azurite.Options), container, Path.Combine(_directory, "two"));
        var unprotected = second.GetRequiredService<IDataProtectionProvider>().CreateProtector("sign-in").Unprotect(token);

        Assert.Equal("cm@example.org", unprotected);
        var key = Assert.Single(await store.ListAsync(container, "", CancellationToken.None));
        Assert.StartsWith("key-", key.Name, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, "one", "keys")), "Azure mode wrote keys to the local data directory.");
    }

    [Fact]
    public void With_the_folder_blob_store_keys_stay_in_the_data_directory()
    {
        using var instance = Instance(new FolderBlobStore(Path.Combine(_directory, "blobs")), BlobContainers.DataProtectionKeys, _directory);

        instance.GetRequiredService<IDataProtectionProvider>().CreateProtector("sign-in").Protect("x");

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_directory, "keys"), "key-*.xml"));
        Assert.False(Directory.Exists(Path.Combine(_directory, "blobs", BlobContainers.DataProtectionKeys)));
    }
}
