using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ResponsePortal.Tests.Support;
using static ResponsePortal.Tests.Api.ListingBodies;

namespace ResponsePortal.Tests.Api;

/// <summary>The listing API's happy paths: create, read, list and filter, privacy of contact data, 404s, health and OpenAPI.</summary>
public sealed class ListingApiTests : PortalTest
{
    [Fact]
    public async Task A_posted_offer_is_created_and_readable_at_its_location()
    {
        var response = await Client.PostAsync("/api/offers", Json(Offer()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonObject>();
        var id = created!["id"]!.GetValue<string>();
        Assert.StartsWith("o-", id, StringComparison.Ordinal);
        Assert.Equal("open", created["status"]!.GetValue<string>());
        Assert.Contains($"/manage/{id}?token=", created["manageUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($"/api/offers/{id}", response.Headers.Location!.OriginalString);

        var listing = await Client.GetFromJsonAsync<JsonObject>(response.Headers.Location);
        Assert.Equal("FFP2 masks from our second production line", listing!["title"]!.GetValue<string>());
        Assert.Equal(10000, listing["quantity"]!.GetValue<long>());
        Assert.Equal("DE60", listing["region"]!.GetValue<string>());
        Assert.Equal(300, listing["radiusKm"]!.GetValue<int>());
        Assert.Equal(["EN149:FFP2", "CE"], listing["certifications"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("Nordlicht Textil GmbH", listing["organisation"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_public_view_never_shows_the_contacts_email_or_phone()
    {
        var response = await Client.PostAsync("/api/offers", Json(Offer()));
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var single = await Client.GetStringAsync($"/api/offers/{id}");
        var list = await Client.GetStringAsync("/api/offers");

        foreach (var text in new[] { single, list })
        {
            Assert.DoesNotContain("jana.petersen@example.org", text, StringComparison.Ordinal);
            Assert.DoesNotContain("1234567", text, StringComparison.Ordinal);
            Assert.DoesNotContain("email", text, StringComparison.Ordinal);
            Assert.DoesNotContain("phone", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_request_and_a_personnel_offer_are_created_with_their_own_fields()
    {
        var request = await Client.PostAsync("/api/requests", Json(Request()));
        Assert.Equal(HttpStatusCode.Created, request.StatusCode);
        var shortage = await Client.GetFromJsonAsync<JsonObject>(request.Headers.Location);
        Assert.Equal("critical", shortage!["urgency"]!.GetValue<string>());
        Assert.Equal(["EN149:FFP2"], shortage["requiredCertifications"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Null(shortage["radiusKm"]);
        Assert.True(shortage["lat"]!.GetValue<double>() is > 52 and < 53, "lat falls back to the region's centre");

        var staff = await Client.PostAsync("/api/offers", Json(PersonnelOffer()));
        Assert.Equal(HttpStatusCode.Created, staff.StatusCode);
        var personnel = await Client.GetFromJsonAsync<JsonObject>(staff.Headers.Location);
        Assert.Equal("suspended-contract", personnel!["staffLoanModel"]!.GetValue<string>());
        Assert.Equal(2, personnel["skills"]!.AsArray().Count);
        Assert.Equal(Date(60), personnel["period"]!["until"]!.GetValue<string>());
        Assert.Equal("person", personnel["unit"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lists_filter_by_category_region_and_type_and_page_newest_first()
    {
        var masks = Offer();
        var berlinMasks = Offer();
        berlinMasks["region"] = "DE30";
        berlinMasks.Remove("lat");
        berlinMasks.Remove("lon");
        var disinfectant = Offer();
        disinfectant["category"] = "disinfectant-hand";
        disinfectant["unit"] = "litre";
        disinfectant["certifications"] = new JsonArray("CE");
        foreach (var body in new[] { masks, berlinMasks, disinfectant, PersonnelOffer() })
        {
            Assert.Equal(HttpStatusCode.Created, (await Client.PostAsync("/api/offers", Json(body))).StatusCode);
        }

        Assert.Equal(2, await Total("/api/offers?category=ppe-mask-ffp2"));
        Assert.Equal(1, await Total("/api/offers?category=ppe-mask-ffp2&region=DE3"));
        Assert.Equal(4, await Total("/api/offers?region=DE"));
        Assert.Equal(1, await Total("/api/offers?type=personnel"));
        Assert.Equal(0, await Total("/api/requests"));

        var page = await Client.GetFromJsonAsync<JsonObject>("/api/offers?pageSize=3&page=2");
        Assert.Single(page!["items"]!.AsArray());
        Assert.Equal(4, page["total"]!.GetValue<long>());
        var first = await Client.GetFromJsonAsync<JsonObject>("/api/offers?pageSize=1");
        Assert.Equal("personnel", first!["items"]![0]!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("type=services", "type")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("page=abc", "page")]
    [InlineData("region=DE%3B%20DROP", "region")]
    public async Task Bad_list_filters_are_400_problems(string query, string field)
    {
        var response = await Client.GetAsync("/api/offers?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(problem!["errors"]!.AsObject().ContainsKey(field));
    }

    [Theory]
    [InlineData("/api/offers/o-doesnotexist12345")]
    [InlineData("/api/offers/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/requests/o-aaaaaaaaaaaaaaaa")]
    public async Task Unknown_listings_are_404_problems(string path)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task An_offer_is_not_visible_as_a_request()
    {
        var response = await Client.PostAsync("/api/offers", Json(Offer()));
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/requests/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_health_check_and_the_openapi_document_are_served()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/healthz")).StatusCode);

        var openApi = await Client.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = openApi!["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/offers"));
        Assert.True(paths.ContainsKey("/api/requests/{id}"));
        var text = openApi.ToJsonString();
        Assert.Contains("staffLoanModel", text, StringComparison.Ordinal);
        Assert.Contains("requiredCertifications", text, StringComparison.Ordinal);
    }

    private async Task<long> Total(string path) =>
        (await Client.GetFromJsonAsync<JsonObject>(path))!["total"]!.GetValue<long>();
}
