using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using ResponsePortal.Functions;
using ResponsePortal.Matching;
using ResponsePortal.Pipeline;
using ResponsePortal.Tests.Api;
using ResponsePortal.Tests.Emulators;
using ResponsePortal.Tests.Pipeline;
using ResponsePortal.Tests.Support;

namespace ResponsePortal.Tests.Functions;

/// <summary>
/// Issue 6's promise: the same portal, handlers unchanged, gives the same matches and the same mails on Azure
/// (Cosmos DB, change feeds, Service Bus, played by <see cref="FunctionsHostPlayer"/> against the emulator) as
/// embedded (SQLite and the in-process workers). One scenario, driven through HTTP and the mailed links in both modes:
/// a split offer, acceptances, a decline that frees quantity for a later offer, and a withdrawal.
/// </summary>
[Collection(CosmosEmulatorGroup.Name)]
public sealed class AzureModeEndToEndTests(CosmosEmulator emulator)
{
    [Fact]
    public async Task The_scenario_ends_with_the_same_matches_and_mails_in_azure_mode_as_embedded()
    {
        ScenarioOutcome embedded;
        await using (var embeddedPortal = new EmbeddedPortal())
        {
            embedded = await RunScenarioAsync(embeddedPortal);
        }

        await using var azurePortal = await AzurePortal.StartAsync(emulator);
        var azure = await RunScenarioAsync(azurePortal);

        Assert.NotEmpty(embedded.Matches);
        Assert.Contains(embedded.Mails, m => m.Event == NotifyEvents.Accepted);
        Assert.Contains(embedded.Mails, m => m.Event == NotifyEvents.Declined);
        Assert.Contains(embedded.Mails, m => m.Event == NotifyEvents.Withdrawn);
        Assert.Equal(embedded.Matches, azure.Matches);
        Assert.Equal(embedded.Mails, azure.Mails);
        Assert.Empty(azurePortal.Host.DeadLetters);
    }

    [Fact]
    public async Task In_azure_mode_every_port_that_keeps_state_is_on_cosmos_and_no_sqlite_file_is_made()
    {
        await using var portal = await AzurePortal.StartAsync(emulator);
        using var landing = await portal.Client.GetAsync(new Uri("/", UriKind.Relative));
        var services = portal.Services;

        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.IsType<ResponsePortal.Store.Cosmos.CosmosListingStore>(services.GetRequiredService<ResponsePortal.Store.IListingStore>());
        Assert.StartsWith("Cosmos", services.GetRequiredService<IMatchStore>().GetType().Name, StringComparison.Ordinal);
        Assert.StartsWith("Cosmos", services.GetRequiredService<ResponsePortal.Accounts.IAccountStore>().GetType().Name, StringComparison.Ordinal);
        Assert.StartsWith("Cosmos", services.GetRequiredService<ResponsePortal.BulkPosting.IBulkUploadStore>().GetType().Name, StringComparison.Ordinal);
        Assert.StartsWith("Cosmos", services.GetRequiredService<ResponsePortal.Dashboard.IDashboardSource>().GetType().Name, StringComparison.Ordinal);
        Assert.StartsWith("Cosmos", services.GetRequiredService<ResponsePortal.Export.IExportSource>().GetType().Name, StringComparison.Ordinal);
        Assert.Null(services.GetService<IWorkLeases>()); // Service Bus is the queue
        Assert.False(File.Exists(Path.Combine(portal.DataDirectory, ResponsePortal.Store.Sqlite.SqlitePortalDatabase.FileName)));
    }

    [Fact]
    public async Task A_message_that_always_fails_is_redelivered_and_then_dead_lettered_like_service_bus_does()
    {
        await using var portal = await AzurePortal.StartAsync(emulator);
        // Work for a listing id that is not JSON match work: the matcher cannot read it, every delivery fails.
        portal.Host.Send(Queues.Match, "{\"listingId\":");

        await portal.Host.RunUntilQuietAsync();

        var dead = Assert.Single(portal.Host.DeadLetters);
        Assert.Equal(FunctionsHostPlayer.MaxDeliveryCount, dead.DeliveryCount);
        Assert.Equal(FunctionsHostPlayer.MaxDeliveryCount, portal.Host.Invocations[PipelineFunctions.MatchListing]);
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_and_the_retry_completes_the_work()
    {
        await using var portal = await AzurePortal.StartAsync(emulator);
        await portal.PostAsync("offers", ListingBodies.Offer());
        await portal.PostAsync("requests", ListingBodies.Request());
        // A matcher that crashed after proposing (its invocation failed, so Service Bus redelivers): the retry must
        // neither duplicate the match nor its mails.
        await portal.SettleAsync();
        var before = PickupMailbox.Read(portal.DataDirectory).Count;
        foreach (var id in portal.Labels.Keys)
        {
            portal.Host.Send(Queues.Match, MatchWork.For(id).Body);
        }

        await portal.SettleAsync();

        Assert.Equal(2, before);
        Assert.Equal(before, PickupMailbox.Read(portal.DataDirectory).Count);
        Assert.Single(await portal.Matches.ListForListingAsync(portal.Labels.Keys.First(), CancellationToken.None));
    }

    [Fact]
    public async Task The_housekeeping_timer_finishes_a_bulk_upload_whose_instance_went_away_and_deletes_mails_past_their_retention()
    {
        // The app's clock runs three minutes ahead, so an upload written now counts as idle (no progress for longer
        // than IBulkUploadStore.ResumeAfter) as it would after its instance was recycled.
        await using var portal = await AzurePortal.StartAsync(emulator, clockAhead: TimeSpan.FromMinutes(3));
        var uploads = portal.Services.GetRequiredService<ResponsePortal.BulkPosting.IBulkUploadStore>();
        var csv = "type;category;title;quantity;unit;region;neededBy;urgency;organisation.name;contact.name;contact.email\r\n" +
            $"goods;ppe-mask-ffp2;FFP2 masks;4000;piece;DE30;{ListingBodies.Date(14)};critical;Charité;Max Weber;max.weber@example.org\r\n";
        var orphan = new ResponsePortal.BulkPosting.BulkUpload(
            "orphan-1", "cm@example.org", null, "shortages.csv", "hash", "en", ResponsePortal.BulkPosting.BulkStates.Running,
            1, 0, 0, 0, 0, [], DateTimeOffset.UtcNow, null);
        await uploads.CreateAsync(orphan, Encoding.UTF8.GetBytes(csv), CancellationToken.None);
        var blobs = portal.Services.GetRequiredService<ResponsePortal.Blobs.IBlobStore>();
        await blobs.PutAsync(ResponsePortal.Blobs.BlobContainers.Mail, "2020-01-01/old.eml", "Subject: old"u8.ToArray(), "message/rfc822", CancellationToken.None);

        var log = await portal.Host.TimerAsync(PipelineFunctions.Housekeeping);

        Assert.Contains("1 bulk upload(s) resumed", log, StringComparison.Ordinal);
        Assert.Contains("1 archived mail(s)", log, StringComparison.Ordinal);
        Assert.Null(await blobs.GetAsync(ResponsePortal.Blobs.BlobContainers.Mail, "2020-01-01/old.eml", CancellationToken.None));
        var done = await uploads.FindAsync("orphan-1", CancellationToken.None);
        Assert.True(done is { Finished: true, Posted: 1, Failed: 0 }, $"{done}");
    }

    private static async Task<ScenarioOutcome> RunScenarioAsync(ScenarioPortal portal)
    {
        // Offer O1 (10,000) meets two requests; R1 (4,000, critical) and R2 (7,000, high) cannot both be served in full.
        var o1 = await portal.PostAsync("offers", ListingBodies.Offer(), "O1");
        await portal.SettleAsync();
        var r1 = await portal.PostAsync("requests", ListingBodies.Request(), "R1");
        await portal.SettleAsync();
        var r2Body = ListingBodies.Request();
        r2Body["title"] = "FFP2 masks for the emergency ward";
        r2Body["quantity"] = 7000;
        r2Body["urgency"] = "high";
        r2Body["contact"] = new JsonObject { ["name"] = "Eva Schulz", ["email"] = "eva.schulz@example.org" };
        var r2 = await portal.PostAsync("requests", r2Body, "R2");
        await portal.SettleAsync();

        // Both sides of O1–R1 accept; R2 declines O1's proposal.
        await portal.ClickAsync(o1, r1, "offer", "accept");
        await portal.ClickAsync(o1, r1, "request", "accept");
        await portal.ClickAsync(o1, r2, "request", "decline");
        await portal.SettleAsync();

        // A second offer arrives for R2, and is then withdrawn by its poster.
        var o2Body = ListingBodies.Offer();
        o2Body["title"] = "FFP2 masks from the warehouse";
        o2Body["lat"] = 53.0;
        o2Body["contact"] = new JsonObject { ["name"] = "Tom Berger", ["email"] = "tom.berger@example.org" };
        var o2 = await portal.PostAsync("offers", o2Body, "O2");
        await portal.SettleAsync();
        await portal.WithdrawAsync(o2);
        await portal.SettleAsync();

        return await portal.OutcomeAsync();
    }

    /// <summary>Everything a user could observe, with ids replaced by the scenario's labels so both modes compare.</summary>
    private sealed record ScenarioOutcome(IReadOnlyList<string> Matches, IReadOnlyList<ObservedMail> Mails);

    private sealed record ObservedMail(string Offer, string Request, string Party, string Event, string To);

    private abstract class ScenarioPortal(PortalFactory factory) : IAsyncDisposable
    {
        private readonly Dictionary<string, JsonObject> _created = new(StringComparer.Ordinal);

        protected PortalFactory Factory { get; } = factory;

        public HttpClient Client { get; } = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        public string DataDirectory => Factory.DataDirectory;

        /// <summary>Listing id → the scenario's name for it.</summary>
        public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

        public IServiceProvider Services => Factory.Services;

        public IMatchStore Matches => Factory.Services.GetRequiredService<IMatchStore>();

        /// <summary>Waits until the pipeline has done everything the last steps caused.</summary>
        public abstract Task SettleAsync();

        public async Task<string> PostAsync(string side, JsonObject body, string? label = null)
        {
            using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await Client.PostAsync(new Uri("/api/" + side, UriKind.Relative), content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, text);
            var created = JsonNode.Parse(text)!.AsObject();
            var id = created["id"]!.GetValue<string>();
            _created[id] = created;
            Labels[id] = label ?? id;
            return id;
        }

        /// <summary>Follows the link in the mail that <paramref name="party"/> got about the proposal between the two listings.</summary>
        public async Task ClickAsync(string offerId, string requestId, string party, string action)
        {
            var match = Assert.Single(await Matches.ListForListingAsync(offerId, CancellationToken.None), m => m.RequestId == requestId);
            var mail = Assert.Single(PickupMailbox.Read(DataDirectory), m => m.Key == $"{match.Id}.{party}.{NotifyEvents.Proposed}");
            using var response = await Client.PostAsync(new Uri(mail.Link(action)), null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        public async Task WithdrawAsync(string listingId)
        {
            var token = new Uri(_created[listingId]["manageUrl"]!.GetValue<string>()).Query.Split("token=")[1];
            using var response = await Client.PostAsync(new Uri($"/api/manage/{listingId}/withdraw?token={token}", UriKind.Relative), null);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        public async Task<ScenarioOutcome> OutcomeAsync()
        {
            var matches = new Dictionary<string, Match>(StringComparer.Ordinal);
            foreach (var id in Labels.Keys)
            {
                foreach (var match in await Matches.ListForListingAsync(id, CancellationToken.None))
                {
                    matches[match.Id] = match;
                }
            }

            var mails = PickupMailbox.Read(DataDirectory)
                .Select(m => m.Key.Split('.'))
                .Select(key => (Match: matches[key[0]], Party: key[1], Event: key[2]))
                .Zip(PickupMailbox.Read(DataDirectory), (k, m) => new ObservedMail(Labels[k.Match.OfferId], Labels[k.Match.RequestId], k.Party, k.Event, m.To))
                .OrderBy(m => m.ToString(), StringComparer.Ordinal)
                .ToList();
            var observed = matches.Values
                .Select(m => $"{Labels[m.OfferId]}→{Labels[m.RequestId]} {m.Quantity} {m.State} {m.ClosureReason}")
                .Order(StringComparer.Ordinal)
                .ToList();
            return new ScenarioOutcome(observed, mails);
        }

        public virtual async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Factory.DisposeAsync();
        }
    }

    /// <summary>Embedded mode: SQLite and the in-process workers.</summary>
    private sealed class EmbeddedPortal() : ScenarioPortal(new PortalFactory())
    {
        public override Task SettleAsync() =>
            Eventually.UntilAsync(
                () => Factory.Services.GetRequiredService<IWorkLeases>().CountPendingAsync(CancellationToken.None),
                pending => pending.Values.All(count => count == 0),
                "the embedded work queue to be empty");
    }

    /// <summary>Azure mode: Portal:Store=Cosmos on a fresh emulator database, the Functions host played by the test.</summary>
    private sealed class AzurePortal : ScenarioPortal
    {
        private readonly Database _database;

        private AzurePortal(PortalFactory factory, Database database)
            : base(factory)
        {
            _database = database;
            Host = new FunctionsHostPlayer(Client, database);
        }

        public FunctionsHostPlayer Host { get; }

        public static async Task<AzurePortal> StartAsync(CosmosEmulator emulator, TimeSpan clockAhead = default)
        {
            var database = await emulator.NewDatabaseAsync();
            var options = emulator.Options;
            var factory = new ClockFactory(clockAhead, new Dictionary<string, string?>
            {
                ["Portal:Store"] = "Cosmos",
                ["CosmosDb:AccountEndpoint"] = options.AccountEndpoint,
                ["CosmosDb:Key"] = options.Key,
                ["CosmosDb:AcceptAnyServerCertificate"] = "true",
                ["CosmosDb:CreateIfMissing"] = "true",
                ["CosmosDatabaseName"] = database.Id,
                ["Portal:Housekeeping:Interval"] = "00:00:00",
            });
            return new AzurePortal(factory, database);
        }

        public override Task SettleAsync() => Host.RunUntilQuietAsync();

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await _database.DeleteAsync();
        }
    }

    /// <summary>The portal with its clock shifted, for what depends on time passing.</summary>
    private sealed class ClockFactory(TimeSpan ahead, IDictionary<string, string?> settings) : PortalFactory(settings)
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (ahead != TimeSpan.Zero)
            {
                Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services => services.AddSingleton<TimeProvider>(new ShiftedClock(ahead)));
            }
        }
    }

    private sealed class ShiftedClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + ahead;
    }
}
