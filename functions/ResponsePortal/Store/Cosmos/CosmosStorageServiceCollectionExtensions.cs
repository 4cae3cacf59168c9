using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ResponsePortal.Matching;

namespace ResponsePortal.Store.Cosmos;

public static class CosmosStorageServiceCollectionExtensions
{
    /// <summary>
    /// The scale-out store: Cosmos DB from the <c>CosmosDb</c> section (identity-based, as the Functions host's
    /// connection) and the database named by <c>CosmosDatabaseName</c>. One CosmosClient per process, as the SDK wants.
    /// </summary>
    public static IServiceCollection AddCosmosListingStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CosmosStoreOptions>()
            .Bind(configuration.GetSection(CosmosStoreOptions.SectionName))
            .Configure(options => options.DatabaseName = configuration[CosmosStoreOptions.DatabaseNameSetting] is { Length: > 0 } name
                ? name
                : options.DatabaseName);
        services.AddSingleton(provider => CosmosClientFactory.Create(provider.GetRequiredService<IOptions<CosmosStoreOptions>>().Value));
        services.AddSingleton(provider => provider.GetRequiredService<CosmosClient>()
            .GetDatabase(provider.GetRequiredService<IOptions<CosmosStoreOptions>>().Value.DatabaseName));
        services.AddSingleton<IListingStore>(provider => CosmosListingStore.ForDatabase(provider.GetRequiredService<Database>()));
        services.AddHostedService<CosmosStartup>();
        return services;
    }

    /// <summary>
    /// The match part of the store on the same account and database (<see cref="CosmosMatchStore"/>): call after
    /// <see cref="AddCosmosListingStore"/>, whose CosmosClient, Database and container creation it shares. The work the
    /// matches cause leaves through the <c>matches</c> change feed (<see cref="CosmosMatchFeed.WorkFor"/>), not a queue.
    /// </summary>
    public static IServiceCollection AddCosmosMatchStore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMatchStore>(provider =>
            CosmosMatchStore.ForDatabase(provider.GetRequiredService<Database>(), provider.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>Creates containers where allowed (emulator, dev) and otherwise checks the database answers, so a wrong endpoint or role fails the start.</summary>
    private sealed class CosmosStartup(IServiceProvider services) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var options = services.GetRequiredService<IOptions<CosmosStoreOptions>>().Value;
            var client = services.GetRequiredService<CosmosClient>();
            if (options.CreateIfMissing)
            {
                await CosmosContainers.CreateIfMissingAsync(client, options.DatabaseName, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // A data-plane read: works with the Built-in Data Contributor role, unlike database.ReadAsync().
                using var response = await client.GetContainer(options.DatabaseName, CosmosContainers.Listings)
                    .ReadItemStreamAsync("startup-probe", new PartitionKey("Offer"), cancellationToken: cancellationToken).ConfigureAwait(false);
                // 404 with substatus 0 is "no such item" (fine); 404/1003 is "no such container", and 401/403 a wrong role.
                var subStatus = response.Headers["x-ms-substatus"];
                if (response.StatusCode != System.Net.HttpStatusCode.NotFound || subStatus is not (null or "0"))
                {
                    response.EnsureSuccessStatusCode();
                }
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
