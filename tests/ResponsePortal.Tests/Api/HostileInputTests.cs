using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ResponsePortal.Tests.Support;
using static ResponsePortal.Tests.Api.ListingBodies;

namespace ResponsePortal.Tests.Api;

/// <summary>
/// Whatever a client sends, the answer is a 201 or a 4xx problem that names fields, never a 5xx, and only
/// 201s store anything. Bodies are valid listings with random fields replaced by random values of any type.
/// </summary>
public sealed class HostileInputTests : PortalTest
{
    [Fact]
    public async Task Randomly_broken_listings_never_cause_a_server_error_and_only_valid_ones_are_stored()
    {
        var random = new Random(20261121);
        var created = 0;
        for (var i = 0; i < 300; i++)
        {
            var offer = random.Next(2) == 0;
            var body = offer ? (random.Next(3) == 0 ? PersonnelOffer() : Offer()) : Request();
            Mutate(body, random, random.Next(1, 4));

            var response = await Client.PostAsync(offer ? "/api/offers" : "/api/requests", Json(body));

            var status = (int)response.StatusCode;
            Assert.True(status is 201 or 400 or 413, $"{status} for {Shorten(body.ToJsonString())}");
            if (status == 201)
            {
                created++;
            }
            else if (status == 400)
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
                Assert.NotEmpty(problem!["errors"]!.AsObject());
            }
        }

        var offers = await Client.GetFromJsonAsync<JsonObject>("/api/offers?pageSize=1");
        var requests = await Client.GetFromJsonAsync<JsonObject>("/api/requests?pageSize=1");
        Assert.Equal(created, offers!["total"]!.GetValue<long>() + requests!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Random_bytes_are_refused_as_bad_requests()
    {
        var random = new Random(7);
        for (var i = 0; i < 100; i++)
        {
            var bytes = new byte[random.Next(0, 2000)];
            random.NextBytes(bytes);
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

            var response = await Client.PostAsync("/api/requests", content);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("/api/offers?page=99999999999999999999")]
    [InlineData("/api/offers?category=%00%01%02")]
    [InlineData("/api/manage/o-aaaaaaaaaaaaaaaa?token=%FF%FE")]
    [InlineData("/api/catalog/regions?level=banana")]
    [InlineData("/api/requests?type=goods&type=capacity")]
    public async Task Strange_urls_are_answered_without_a_server_error(string url)
    {
        var response = await Client.GetAsync(url);

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {url}");
    }

    private static string Shorten(string text) => text.Length > 2000 ? text[..2000] + "…" : text;

    private static void Mutate(JsonObject body, Random random, int count)
    {
        string[] fields =
        [
            "type", "category", "title", "description", "quantity", "unit", "region", "lat", "lon", "radiusKm",
            "availableFrom", "neededBy", "urgency", "daysOfSupplyLeft", "expiresAt", "certifications",
            "requiredCertifications", "organisation", "contact", "language", "leadTimeDays", "minimumOrder",
            "skills", "period", "staffLoanModel", "employeesAgreed", "unknownField",
        ];
        for (var i = 0; i < count; i++)
        {
            var field = fields[random.Next(fields.Length)];
            var value = RandomValue(random, depth: 0);
            if (value is null && random.Next(2) == 0)
            {
                body.Remove(field);
            }
            else
            {
                body[field] = value;
            }
        }
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 2 ? 9 : 12) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.NextInt64(long.MinValue, long.MaxValue)),
        3 => JsonValue.Create((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(0, 300))),
        4 => JsonValue.Create(random.Next(-5, 5)),
        5 => JsonValue.Create(new string((char)random.Next(0, 32), random.Next(1, 5))),
        6 => JsonValue.Create(new string('ä', random.Next(0, 5000))),
        7 => JsonValue.Create(Date(random.Next(-800, 800))),
        8 => JsonValue.Create(new[] { "goods", "personnel", "critical", "DE60", "EN149:FFP2", "ppe-mask-ffp3", "side-job", "de", "" }[random.Next(9)]),
        9 => new JsonArray([.. Enumerable.Range(0, random.Next(0, 30)).Select(_ => RandomValue(random, depth + 1))]),
        10 => new JsonObject { ["name"] = RandomValue(random, depth + 1), ["from"] = RandomValue(random, depth + 1), ["email"] = RandomValue(random, depth + 1) },
        _ => JsonValue.Create("\ud83d\ude37 mask " + random.Next()),
    };
}
