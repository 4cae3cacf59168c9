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
}
