using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using ResponsePortal.Functions;
using ResponsePortal.Store;
using ResponsePortal.Store.Cosmos;
using ResponsePortal.Tests.Emulators;
using ResponsePortal.Tests.Store;

namespace ResponsePortal.Tests.Functions;

/// <summary>
/// Plays the Functions host for ListingChanged: listings written through the Cosmos adapter, the change feed read the
/// way the trigger reads it, the batch posted to the handler in the host's payload shape, the match messages taken
/// from the answer. What stays unproven here is the host itself (not installable, see docs/deploy.md).
/// </summary>
[Collection(CosmosEmulatorGroup.Name)]
public sealed class ListingChangedHostTests(CosmosEmulator emulator) : IAsyncLifetime
{
    private WebApplication? _app;
    private Database? _database;

    public async Task InitializeAsync()
    {
        _database = await emulator.NewDatabaseAsync();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapFunctionInvocation(ListingChangedFunction.Name, (invocation, _, _) => Task.FromResult(ListingChangedFunction.Handle(invocation)));
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DeleteAsync();
        }
    }

    [Fact]
    public async Task Created_and_updated_listings_come_out_of_the_change_feed_as_one_match_message_each()
    {
        var store = CosmosListingStore.ForDatabase(_database!);
        var offer = TestListings.Offer();
        var request = TestListings.Request();
        await store.CreateAsync(offer, null, CancellationToken.None);
        await store.CreateAsync(request, new IdempotencyClaim("k", "h"), CancellationToken.None);
        Assert.NotNull(await store.UpdateAsync(offer with { Quantity = 5 }, 0, CancellationToken.None));

        var changed = await ChangeFeed.ReadAllAsync(_database!.GetContainer(CosmosContainers.Listings));
        Assert.NotEmpty(changed);
        var documents = JsonSerializer.Serialize(changed);
        // What the host sends: the batch as a JSON string inside Data, under the trigger's binding name.
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Data"] = new Dictionary<string, string> { [ListingChangedFunction.DocumentsBinding] = documents },
            ["Metadata"] = new Dictionary<string, object> { ["sys"] = new Dictionary<string, string> { ["MethodName"] = ListingChangedFunction.Name } },
        });

        using var client = _app!.GetTestClient();
        using var response = await client.PostAsync("/" + ListingChangedFunction.Name, new StringContent(payload, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var bodies = answer.RootElement.GetProperty("Outputs").GetProperty(ListingChangedFunction.MatchOutput).EnumerateArray()
            .Select(b => JsonDocument.Parse(b.GetString()!).RootElement.GetProperty("listingId").GetString())
            .Order(StringComparer.Ordinal);
        Assert.Equal(new[] { offer.Id, request.Id }.Order(StringComparer.Ordinal), bodies);
    }
}
