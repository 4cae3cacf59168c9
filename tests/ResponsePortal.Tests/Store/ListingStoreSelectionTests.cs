using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ResponsePortal.Store;
using ResponsePortal.Store.Cosmos;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Tests.Store;

public sealed class ListingStoreSelectionTests
{
    [Fact]
    public async Task Cosmos_is_chosen_by_setting_and_reads_the_identity_based_connection_names()
    {
        var configuration = Configuration(new()
        {
            ["Portal:Store"] = "Cosmos",
            ["CosmosDb:accountEndpoint"] = "https://example.documents.azure.com:443/",
            ["CosmosDb:clientId"] = "00000000-0000-0000-0000-000000000001",
            ["CosmosDatabaseName"] = "crisis",
        });
        await using var provider = new ServiceCollection().AddListingStore(configuration).BuildServiceProvider();

        Assert.IsType<CosmosListingStore>(provider.GetRequiredService<IListingStore>());
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<CosmosStoreOptions>>().Value;
        Assert.Equal(("https://example.documents.azure.com:443/", "00000000-0000-0000-0000-000000000001", "crisis"),
            (options.AccountEndpoint, options.ClientId, options.DatabaseName));
    }

    [Fact]
    public void Sqlite_is_the_default()
    {
        var services = new ServiceCollection().AddListingStore(Configuration([]));

        Assert.Contains(services, d => d.ServiceType == typeof(SqlitePortalDatabase));
    }

    [Fact]
    public void An_unknown_store_stops_the_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddListingStore(Configuration(new() { ["Portal:Store"] = "Postgres" })));

        Assert.Contains("Portal:Store", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
