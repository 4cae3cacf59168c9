using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using ResponsePortal.Store;
using ResponsePortal.Store.Cosmos;
using ResponsePortal.Tests.Emulators;
using ResponsePortal.Tests.Support;
using static ResponsePortal.Tests.Api.ListingBodies;

namespace ResponsePortal.Tests.Api;

/// <summary>
/// The whole portal, handlers unchanged, with the Cosmos adapter behind the store port (emulator): what the Azure
/// mode serves through the HTTP catch-all.
/// </summary>
[Collection(CosmosEmulatorGroup.Name)]
public sealed class PortalOnCosmosTests(CosmosEmulator emulator) : IAsyncLifetime
{
    private Database? _database;
    private CosmosPortalFactory? _portal;
    private HttpClient? _client;

    private HttpClient Client => _client ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _database = await emulator.NewDatabaseAsync();
        _portal = new CosmosPortalFactory(CosmosListingStore.ForDatabase(_database));
        _client = _portal.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_portal is not null)
        {
            await _portal.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DeleteAsync();
        }
    }

    [Fact]
    public async Task Post_retry_read_list_and_withdraw_an_offer()
    {
        using var first = await PostWithKey("key-1");
        using var retry = await PostWithKey("key-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<JsonObject>();
        var replayed = await retry.Content.ReadFromJsonAsync<JsonObject>();
        var id = created!["id"]!.GetValue<string>();
        Assert.Equal(id, replayed!["id"]!.GetValue<string>());

        var listing = await Client.GetFromJsonAsync<JsonObject>(first.Headers.Location);
        Assert.Equal("FFP2 masks from our second production line", listing!["title"]!.GetValue<string>());
        var list = await Client.GetStringAsync("/api/offers");
        Assert.Contains(id, list, StringComparison.Ordinal);

        var token = created["manageUrl"]!.GetValue<string>().Split("token=")[1];
        using var withdraw = await Client.PostAsync($"/api/manage/{id}/withdraw?token={token}", null);
        Assert.True(withdraw.IsSuccessStatusCode, $"withdraw answered {withdraw.StatusCode}");
        Assert.DoesNotContain(id, await Client.GetStringAsync("/api/offers"), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PostWithKey(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/offers") { Content = Json(Offer()) };
        request.Headers.Add("Idempotency-Key", key);
        return Client.SendAsync(request);
    }

    private sealed class CosmosPortalFactory(IListingStore store) : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // What Portal__Store=Cosmos selects (ListingStoreSelection), with the emulator's database.
            builder.ConfigureTestServices(services => services.AddSingleton(store));
        }
    }
}
