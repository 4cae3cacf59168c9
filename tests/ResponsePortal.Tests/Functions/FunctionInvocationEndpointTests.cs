using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ResponsePortal.Functions;

namespace ResponsePortal.Tests.Functions;

/// <summary>The invocation endpoint as the Functions host sees it: POST /{FunctionName}, payload in, payload out.</summary>
public sealed class FunctionInvocationEndpointTests : IAsyncLifetime
{
    private WebApplication? _app;
    private HttpClient? _client;

    private HttpClient Client => _client ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapFunctionInvocation("Echo", (invocation, _, _) =>
            Task.FromResult(new FunctionResult().Messages("out", [invocation.Text("message")])));
        _app.MapFunctionInvocation("Broken", (_, _, _) => throw new InvalidOperationException("the store is down"));
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_successful_invocation_answers_200_with_the_outputs()
    {
        using var response = await Client.PostAsync("/Echo", Json("""{"Data":{"message":"\"{\\\"listingId\\\":\\\"a1\\\"}\""},"Metadata":{}}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("""{"listingId":"a1"}""", body.RootElement.GetProperty("Outputs").GetProperty("out")[0].GetString());
    }

    [Fact]
    public async Task A_failing_handler_answers_500_so_the_message_is_retried_and_logs_why()
    {
        using var response = await Client.PostAsync("/Broken", Json("""{"Data":{},"Metadata":{"DeliveryCount":3}}"""));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("the store is down", body.RootElement.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payload_that_is_no_invocation_answers_400()
    {
        using var response = await Client.PostAsync("/Echo", Json("nonsense"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_request_forwarded_from_outside_through_the_http_catch_all_is_not_an_invocation()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Echo") { Content = Json("""{"Data":{"message":"x"}}""") };
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
