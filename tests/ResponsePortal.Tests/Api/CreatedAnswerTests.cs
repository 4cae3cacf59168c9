using System.Net;
using System.Text.Json.Nodes;
using ResponsePortal.Tests.Browser;
using static ResponsePortal.Tests.Api.ListingBodies;

namespace ResponsePortal.Tests.Api;

/// <summary>
/// The 201 of a posted listing on a real Kestrel socket (the in-memory test server never chunks): the body's length is
/// in the headers and the body comes whole, not as a chunked stream that needs a second segment to end.
/// </summary>
public sealed class CreatedAnswerTests
{
    [Theory]
    [InlineData("/api/offers")]
    [InlineData("/api/requests")]
    public async Task The_201_of_a_posted_listing_gives_its_length_and_is_not_chunked(string path)
    {
        await using var portal = PortalServer.Start();
        using var client = portal.CreatePlainClient();

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), Json(path.EndsWith("offers", StringComparison.Ordinal) ? Offer() : Request()));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var created = JsonNode.Parse(body)!.AsObject();
        Assert.Equal($"{path}/{created["id"]}", response.Headers.Location!.OriginalString);
        Assert.Equal(["id", "status", "manageUrl"], created.Select(property => property.Key));
    }
}
