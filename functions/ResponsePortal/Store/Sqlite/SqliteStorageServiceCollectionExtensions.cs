using Microsoft.Extensions.Options;
using ResponsePortal.Catalog;

namespace ResponsePortal.Store.Sqlite;

public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// The embedded store: <c>portal.db</c> in <c>Portal:DataDirectory</c> (default <c>./.data</c>), opened and
    /// migrated when the host starts, so a bad directory stops the app before it serves a request.
    /// </summary>
    public static IServiceCollection AddSqliteListingStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PortalStorageOptions>().Bind(configuration.GetSection(PortalStorageOptions.SectionName));
        services.AddSingleton(provider => SqlitePortalDatabase.Open(provider.GetRequiredService<IOptions<PortalStorageOptions>>().Value));
        // The store asks the catalogue which categories can match a new listing (SqliteListingStore.Create).
        services.AddCatalog();
        services.AddSingleton<IListingStore>(provider => new SqliteListingStore(
            provider.GetRequiredService<SqlitePortalDatabase>(), provider.GetRequiredService<PortalCatalog>()));
        services.AddHostedService<SqliteStartup>();
        return services;
    }

    /// <summary>Resolving the database opens and migrates it; doing that in StartAsync makes failures fail the start.</summary>
    private sealed class SqliteStartup(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<SqlitePortalDatabase>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
