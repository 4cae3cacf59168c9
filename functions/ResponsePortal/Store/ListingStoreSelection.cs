using ResponsePortal.Store.Cosmos;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Store;

public static class ListingStoreSelection
{
    public const string Setting = "Portal:Store";

    /// <summary>Azure mode: Portal:Store=Cosmos. Everything that keeps state picks its Cosmos or Blob adapter by this.</summary>
    public static bool IsCosmos(IConfiguration configuration) =>
        string.Equals(configuration?[Setting], "Cosmos", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>Portal:Store</c> picks the adapter: <c>Sqlite</c> (default, embedded mode) or <c>Cosmos</c> (Azure; set by
    /// infra/). An unknown value stops the start rather than silently falling back to a local file in the cloud.
    /// </summary>
    public static IServiceCollection AddListingStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var store = configuration[Setting];
        if (string.IsNullOrWhiteSpace(store) || string.Equals(store, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return services.AddSqliteListingStore(configuration);
        }

        if (string.Equals(store, "Cosmos", StringComparison.OrdinalIgnoreCase))
        {
            return services.AddCosmosListingStore(configuration);
        }

        throw new InvalidOperationException($"{Setting} is '{store}'; expected 'Sqlite' or 'Cosmos'.");
    }

    /// <summary>
    /// The portal as a whole can run on Cosmos DB only once matches, the work queue, accounts and dashboard aggregates
    /// have Cosmos adapters too (docs/deploy.md, "What is missing"). Until then the app refuses Portal:Store=Cosmos at
    /// start with this message, instead of serving listings from Cosmos and matching against an empty local file.
    /// </summary>
    public static void RefuseIncompleteModes(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.Equals(configuration[Setting], "Cosmos", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{Setting}=Cosmos is not complete yet: listings have a Cosmos adapter, but matches, the work queue, accounts and " +
                "dashboard aggregates still need the embedded SQLite store. Leave Portal:Store unset (Sqlite); see docs/deploy.md.");
        }
    }
}
