using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using ResponsePortal.Accounts;
using ResponsePortal.BulkPosting;
using ResponsePortal.Dashboard;
using ResponsePortal.Export;
using ResponsePortal.Store;
using ResponsePortal.Store.Cosmos;
using ResponsePortal.Tests.Dashboard;
using ResponsePortal.Tests.Emulators;
using ResponsePortal.Tests.Support;

namespace ResponsePortal.Tests.Api;

/// <summary>
/// The portal with listings, accounts, bulk uploads, dashboard and export on Cosmos DB (emulator), wired by the
/// extension methods Azure mode calls: sign in by link, bulk-post a file, see it on the dashboard and in the export.
/// </summary>
[Collection(CosmosEmulatorGroup.Name)]
public sealed class PortalOnCosmosStateTests(CosmosEmulator emulator) : IAsyncLifetime
{
    private Database? _database;
    private CosmosStatePortalFactory? _portal;

    private CosmosStatePortalFactory Portal => _portal ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _database = await emulator.NewDatabaseAsync();
        _portal = new CosmosStatePortalFactory(_database);
    }

    public async Task DisposeAsync()
    {
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
    public void Every_state_port_is_the_cosmos_adapter()
    {
        Assert.IsType<CosmosAccountStore>(Portal.Services.GetRequiredService<IAccountStore>());
        Assert.IsType<CosmosBulkUploadStore>(Portal.Services.GetRequiredService<IBulkUploadStore>());
        Assert.IsType<CosmosDashboardSource>(Portal.Services.GetRequiredService<IDashboardSource>());
        Assert.IsType<CosmosExportSource>(Portal.Services.GetRequiredService<IExportSource>());
    }

    [Fact]
    public async Task A_cluster_manager_signs_in_bulk_posts_and_sees_the_shortage_on_the_dashboard_and_in_the_export()
    {
        await PortalSignIn.InviteAsync(Portal, "cm@example.org", PortalRole.ClusterManager, "healthcapital");
        using var manager = Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PortalSignIn.SignInAsync(Portal, manager, "cm@example.org");

        var form = await manager.GetStringAsync(new Uri("/bulk", UriKind.Relative));
        var file = "type;category;title;quantity;unit;region;neededBy;urgency;organisation.name;contact.name;contact.email\r\n" +
            $"goods;ppe-mask-ffp2;FFP2 masks;4000;piece;DE30;{ListingBodies.Date(14)};critical;Charité;Max Weber;max.weber@example.org\r\n";
        using var body = new MultipartFormDataContent
        {
            { new StringContent(PortalSignIn.Token(form)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(file)), "file", "shortages.csv" },
        };
        var posted = await manager.PostAsync(new Uri("/bulk", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var status = posted.Headers.Location!.OriginalString;
        var page = await Eventually.UntilAsync(
            () => manager.GetStringAsync(new Uri(status, UriKind.Relative)), p => p.Contains("data-bulk-state=\"done\"", StringComparison.Ordinal), "the upload to be done");
        Assert.Contains("Done: 1 posted", page, StringComparison.Ordinal);

        var dashboard = (await manager.GetFromJsonAsync<JsonObject>(new Uri("/api/dashboard", UriKind.Relative)))!;
        Assert.Equal(1, (long)dashboard["totals"]!["openRequests"]!);
        Assert.Equal(4000, (long)dashboard["criticalGaps"]![0]!["unmetQuantity"]!);
        var export = (await manager.GetFromJsonAsync<JsonArray>(new Uri("/api/export/listings.json", UriKind.Relative)))!;
        Assert.Equal("healthcapital", (string?)Assert.Single(export)!["cluster"]);
    }

    private sealed class CosmosStatePortalFactory(Database database) : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // What Azure mode registers: the Database (AddCosmosListingStore does), the listing store, then the state.
            builder.ConfigureTestServices(services => services
                .AddSingleton(database)
                .AddSingleton<IListingStore>(CosmosListingStore.ForDatabase(database))
                .AddCosmosPortalState());
        }
    }
}
