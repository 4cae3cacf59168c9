using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ResponsePortal.Tests.Support;
using static ResponsePortal.Tests.Api.ListingBodies;

namespace ResponsePortal.Tests.Api;

/// <summary>The Idempotency-Key header: a retry returns the first answer; a key reused for another body is refused.</summary>
public sealed class IdempotencyApiTests : PortalTest
{
    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_returns_the_first_answer_and_stores_one_listing()
    {
        var body = Offer().ToJsonString();

        var first = await PostWithKey("/api/offers", body, "key-123");
        var second = await PostWithKey("/api/offers", body, "key-123");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        var page = await Client.GetFromJsonAsync<JsonObject>("/api/offers");
        Assert.Equal(1, page!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_idempotency_key_reused_for_another_body_is_refused()
    {
        await PostWithKey("/api/offers", Offer().ToJsonString(), "key-456");
        var other = Offer();
        other["quantity"] = 5;

        var response = await PostWithKey("/api/offers", other.ToJsonString(), "key-456");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await Client.GetFromJsonAsync<JsonObject>("/api/offers");
        Assert.Equal(1, page!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_same_idempotency_key_on_offers_and_requests_is_two_keys()
    {
        var offer = await PostWithKey("/api/offers", Offer().ToJsonString(), "shared");
        var request = await PostWithKey("/api/requests", Request().ToJsonString(), "shared");

        Assert.Equal(HttpStatusCode.Created, offer.StatusCode);
        Assert.Equal(HttpStatusCode.Created, request.StatusCode);
    }

    private async Task<HttpResponseMessage> PostWithKey(string path, string body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await Client.SendAsync(request);
    }
}
