using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ResponsePortal.Functions;
using ResponsePortal.Matching;
using ResponsePortal.Pipeline;
using ResponsePortal.Tests.Pipeline;
using ResponsePortal.Tests.Support;
using static ResponsePortal.Tests.Api.ListingBodies;

namespace ResponsePortal.Tests.Functions;

/// <summary>
/// Plays the Functions host against the whole app with its in-process workers off: the change feed batch goes to
/// /ListingChanged, its match messages to /MatchListing, the notify work to /NotifyMatch, the timer to /Housekeeping,
/// each in the host's payload shape (Service Bus bodies JSON-encoded twice). The step handlers are the embedded ones.
/// </summary>
public sealed class PipelineFunctionsHostTests : IAsyncLifetime
{
    private readonly FunctionsPortalFactory _portal = new(new Dictionary<string, string?>
    {
        ["Portal:Pipeline:RunWorkers"] = "false",
        ["Portal:Housekeeping:Interval"] = "00:00:00",
    });

    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _portal.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _portal.DisposeAsync();
    }

    [Fact]
    public async Task A_posted_offer_and_request_flow_through_the_functions_into_a_match_and_two_mails()
    {
        var offerId = await PostAsync("/api/offers", Offer());
        var requestId = await PostAsync("/api/requests", Request());

        // ListingChanged: the change feed batch, as the Cosmos DB trigger delivers it.
        var batch = JsonSerializer.Serialize(new[] { new { id = offerId, side = "Offer" }, new { id = requestId, side = "Request" } });
        var changed = await InvokeAsync(ListingChangedFunction.Name, new() { ["documents"] = batch });
        var matchBodies = Messages(changed, Queues.Match);
        Assert.Equal(2, matchBodies.Count);

        // MatchListing: one Service Bus message per invocation.
        foreach (var body in matchBodies)
        {
            var matched = await InvokeAsync(PipelineFunctions.MatchListing, new() { ["message"] = JsonSerializer.Serialize(body) });
            Assert.Equal(JsonValueKind.Object, matched.GetProperty("Outputs").ValueKind);
        }

        var matches = await _portal.Services.GetRequiredService<IMatchStore>().ListForListingAsync(offerId, CancellationToken.None);
        var match = Assert.Single(matches);
        Assert.Equal(requestId, match.RequestId);

        // NotifyMatch, twice: the second delivery (a Service Bus redelivery) sends nothing new.
        var notify = NotifyWork.For(match.Id, NotifyEvents.Proposed).Body;
        await InvokeAsync(PipelineFunctions.NotifyMatch, new() { ["message"] = JsonSerializer.Serialize(notify) });
        await InvokeAsync(PipelineFunctions.NotifyMatch, new() { ["message"] = JsonSerializer.Serialize(notify) });
        var mails = PickupMailbox.Read(_portal.DataDirectory);
        Assert.Equal(2, mails.Count);
        Assert.Contains(mails, m => m.To.Contains("jana.petersen@example.org", StringComparison.Ordinal));
        Assert.Contains(mails, m => m.To.Contains("max.weber@example.org", StringComparison.Ordinal));

        // Housekeeping: the timer's payload; nothing expires yet.
        var housekeeping = await InvokeAsync(PipelineFunctions.Housekeeping, new() { ["timer"] = """{"Schedule":{"AdjustForDST":true},"IsPastDue":false}""" });
        Assert.Contains("0 listing(s) expired", housekeeping.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_retention_setting_is_reported_by_the_timer_without_failing_the_housekeeping_around_it()
    {
        await using var portal = new FunctionsPortalFactory(new Dictionary<string, string?>
        {
            ["Portal:Pipeline:RunWorkers"] = "false",
            ["Portal:Housekeeping:Interval"] = "00:00:00",
            ["Portal:Retention:MailDays"] = "six months",
        });
        using var client = portal.CreateClient();

        using var response = await PostInvocationAsync(
            PipelineFunctions.Housekeeping, new() { ["timer"] = """{"Schedule":{"AdjustForDST":true},"IsPastDue":false}""" }, client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var log = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("Logs")[0].GetString();
        Assert.Contains("0 listing(s) expired", log, StringComparison.Ordinal);
        Assert.Contains("retention sweep failed: Portal:Retention:MailDays is 'six months'", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_the_handler_cannot_read_fails_the_invocation_so_service_bus_retries_it()
    {
        using var response = await PostInvocationAsync(PipelineFunctions.MatchListing, new() { ["message"] = JsonSerializer.Serialize("not match work") });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public void Work_for_a_queue_without_an_output_binding_fails_loudly()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            PipelineFunctions.Route(ListingChangedFunction.Name, [NotifyWork.For("m", NotifyEvents.Proposed)]));

        Assert.Contains("notify", error.Message, StringComparison.Ordinal);
    }

    private async Task<string> PostAsync(string path, JsonObject body)
    {
        using var response = await _client.PostAsync(path, Json(body));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private async Task<JsonElement> InvokeAsync(string function, Dictionary<string, string> data)
    {
        using var response = await PostInvocationAsync(function, data);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{function} answered {response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }

    /// <summary>What the host sends: each input a JSON string (which, for a Service Bus body, is itself JSON-encoded).</summary>
    private Task<HttpResponseMessage> PostInvocationAsync(string function, Dictionary<string, string> data, HttpClient? client = null)
    {
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Data"] = data,
            ["Metadata"] = new Dictionary<string, object> { ["DeliveryCount"] = 1, ["sys"] = new Dictionary<string, string> { ["MethodName"] = function } },
        });
        return (client ?? _client).PostAsync("/" + function, new StringContent(payload, Encoding.UTF8, "application/json"));
    }

    private static List<string> Messages(JsonElement result, string output) =>
        result.GetProperty("Outputs").GetProperty(output).EnumerateArray().Select(e => e.GetString()!).ToList();

    /// <summary>
    /// The portal with the function endpoints mapped, as Program.cs does once the lead adds <c>app.MapFunctions()</c>;
    /// a startup filter, so this test does not depend on that line.
    /// </summary>
    private sealed class FunctionsPortalFactory(IDictionary<string, string?> settings) : PortalFactory(settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, MapFunctionsFilter>());
        }
    }

    private sealed class MapFunctionsFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseRouting();
            app.UseEndpoints(endpoints => endpoints.MapFunctions());
            next(app);
        };
    }
}
