using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using ResponsePortal.Blobs;
using ResponsePortal.Blobs.Rest;

namespace ResponsePortal.Hosting;

public static class DataProtectionSetup
{
    /// <summary>
    /// Where the keys behind antiforgery tokens and sign-in cookies live, chosen by the blob store in use
    /// (<see cref="BlobServiceCollectionExtensions.AddBlobStore"/>, setting <c>Blobs:ServiceUri</c>):
    /// <list type="bullet">
    /// <item>Blob Storage (Azure): the container <see cref="BlobContainers.DataProtectionKeys"/>, shared by every
    /// instance; instances are many and ephemeral, so keys in a local folder would differ per instance and vanish.</item>
    /// <item>Folder (embedded): the data directory, beside the database, so a restart does not invalidate forms open in
    /// someone's browser. (The default, the user's home directory, is often not writable for a service account.)</item>
    /// </list>
    /// </summary>
    public static IServiceCollection AddPortalDataProtection(this IServiceCollection services) =>
        services.AddPortalDataProtection(BlobContainers.DataProtectionKeys);

    /// <summary>The same with another key container (tests use a fresh one each).</summary>
    public static IServiceCollection AddPortalDataProtection(this IServiceCollection services, string keyContainer)
    {
        BlobNames.ValidateContainer(keyContainer);
        services.AddDataProtection().SetApplicationName("ResponsePortal");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((keys, provider) => keys.XmlRepository = provider.GetService<IBlobStore>() is BlobRestStore blobs
                ? new BlobXmlRepository(blobs, keyContainer)
                : new FileSystemXmlRepository(
                    new DirectoryInfo(Path.Combine(Path.GetFullPath(provider.GetRequiredService<IOptions<PortalOptions>>().Value.DataDirectory), "keys")),
                    provider.GetRequiredService<ILoggerFactory>()));
        return services;
    }
}
