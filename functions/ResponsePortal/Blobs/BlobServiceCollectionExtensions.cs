using Microsoft.Extensions.Options;
using ResponsePortal.Blobs.Folder;
using ResponsePortal.Blobs.Rest;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Blobs;

public static class BlobServiceCollectionExtensions
{
    /// <summary>
    /// Blob Storage when <c>Blobs:ServiceUri</c> is set (Azure, azurite), otherwise a folder <c>blobs</c> in
    /// <c>Portal:DataDirectory</c> (embedded mode).
    /// </summary>
    public static IServiceCollection AddBlobStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BlobRestOptions>().Bind(configuration.GetSection(BlobRestOptions.SectionName));
        if (configuration.GetSection(BlobRestOptions.SectionName)["ServiceUri"] is { Length: > 0 })
        {
            services.AddSingleton(provider => BlobRestStore.Create(provider.GetRequiredService<IOptions<BlobRestOptions>>().Value));
            services.AddSingleton<IBlobStore>(provider => provider.GetRequiredService<BlobRestStore>());
            services.AddHostedService<BlobContainersStartup>();
        }
        else
        {
            services.AddOptions<PortalStorageOptions>().Bind(configuration.GetSection(PortalStorageOptions.SectionName));
            services.AddSingleton<IBlobStore>(provider =>
                new FolderBlobStore(Path.Combine(provider.GetRequiredService<IOptions<PortalStorageOptions>>().Value.DataDirectory, "blobs")));
        }

        return services;
    }

    private sealed class BlobContainersStartup(BlobRestStore store, IOptions<BlobRestOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            options.Value.CreateIfMissing ? store.CreateContainersAsync(BlobContainers.All, cancellationToken) : Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
