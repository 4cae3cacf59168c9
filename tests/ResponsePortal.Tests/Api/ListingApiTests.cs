using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResponsePortal.Tests.Support;
using static ResponsePortal.Tests.Api.ListingBodies;

namespace ResponsePortal.Tests.Api;

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

    public static TheoryData<string, string, Action<JsonObject>> InvalidOffers => new()
    {
        { "title missing", "title", o => o.Remove("title") },
        { "title blank", "title", o => o["title"] = "   " },
        { "title with a control character", "title", o => o["title"] = "FFP2\u0000masks" },
        { "title too long", "title", o => o["title"] = new string('x', 121) },
        { "type unknown", "type", o => o["type"] = "services" },
        { "type a number", "type", o => o["type"] = 3 },
        { "category unknown", "category", o => o["category"] = "ppe-mask-ffp9" },
        { "category not for personnel", "category", o => o["type"] = "personnel" },
        { "quantity text", "quantity", o => o["quantity"] = "many" },
        { "quantity fractional", "quantity", o => o["quantity"] = 1.5 },
        { "quantity zero", "quantity", o => o["quantity"] = 0 },
        { "quantity huge", "quantity", o => o["quantity"] = 1e30 },
        { "unit unknown", "unit", o => o["unit"] = "barrel-of-monkeys" },
        { "region unknown", "region", o => o["region"] = "XX99" },
        { "lat without lon", "lon", o => o.Remove("lon") },
        { "lat out of range", "lat", o => o["lat"] = 91 },
        { "radius missing", "radiusKm", o => o.Remove("radiusKm") },
        { "radius negative", "radiusKm", o => o["radiusKm"] = -5 },
        { "availableFrom missing", "availableFrom", o => o.Remove("availableFrom") },
        { "availableFrom not a date", "availableFrom", o => o["availableFrom"] = "next week" },
        { "expiresAt in the past", "expiresAt", o => o["expiresAt"] = Date(-1) },
        { "expiresAt before availability", "expiresAt", o => o["expiresAt"] = Date(5) },
        { "certification unknown", "certifications", o => o["certifications"] = new JsonArray("EN149:FFP7") },
        { "certifications not a list", "certifications", o => o["certifications"] = "CE" },
        { "requiredCertifications on an offer", "requiredCertifications", o => o["requiredCertifications"] = new JsonArray("CE") },
        { "urgency on an offer", "urgency", o => o["urgency"] = "high" },
        { "organisation missing", "organisation.name", o => o.Remove("organisation") },
        { "organisation a string", "organisation", o => o["organisation"] = "ACME" },
        { "cluster with spaces", "organisation.cluster", o => o["organisation"]!["cluster"] = "life science nord" },
        { "email invalid", "contact.email", o => o["contact"]!["email"] = "jana at example" },
        { "email missing", "contact.email", o => o["contact"]!.AsObject().Remove("email") },
        { "phone invalid", "contact.phone", o => o["contact"]!["phone"] = "call me maybe" },
        { "language unknown", "language", o => o["language"] = "fr" },
        { "leadTimeDays on goods", "leadTimeDays", o => o["leadTimeDays"] = 3 },
        { "skills on goods", "skills", o => o["skills"] = new JsonArray("driving") },
    };

    [Theory]
    [MemberData(nameof(InvalidOffers))]
    public async Task An_invalid_offer_is_refused_naming_the_field_and_nothing_is_stored(string because, string field, Action<JsonObject> breakIt)
    {
        var body = Offer();
        breakIt(body);

        var response = await Client.PostAsync("/api/offers", Json(body));

        Assert.True(HttpStatusCode.BadRequest == response.StatusCode, because);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var errors = problem!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"{because}: expected an error for {field}, got {string.Join(", ", errors.Select(e => e.Key))}");
        await AssertNothingStored();
    }

    public static TheoryData<string, string, Action<JsonObject>> InvalidRequests => new()
    {
        { "neededBy missing", "neededBy", r => r.Remove("neededBy") },
        { "neededBy in the past", "neededBy", r => r["neededBy"] = Date(-2) },
        { "urgency missing", "urgency", r => r.Remove("urgency") },
        { "urgency unknown", "urgency", r => r["urgency"] = "asap" },
        { "daysOfSupplyLeft negative", "daysOfSupplyLeft", r => r["daysOfSupplyLeft"] = -1 },
        { "radiusKm on a request", "radiusKm", r => r["radiusKm"] = 100 },
        { "certifications on a request", "certifications", r => r["certifications"] = new JsonArray("CE") },
        { "availableFrom on a request", "availableFrom", r => r["availableFrom"] = Date(1) },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task An_invalid_request_is_refused_naming_the_field(string because, string field, Action<JsonObject> breakIt)
    {
        var body = Request();
        breakIt(body);

        var response = await Client.PostAsync("/api/requests", Json(body));

        Assert.True(HttpStatusCode.BadRequest == response.StatusCode, because);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(problem!["errors"]!.AsObject().ContainsKey(field), because);
        await AssertNothingStored("/api/requests");
    }

    public static TheoryData<string, string, Action<JsonObject>> InvalidPersonnelOffers => new()
    {
        { "employees did not agree", "employeesAgreed", o => o["employeesAgreed"] = false },
        { "employees agreement missing", "employeesAgreed", o => o.Remove("employeesAgreed") },
        { "staff loan model unknown", "staffLoanModel", o => o["staffLoanModel"] = "freelance" },
        { "staff loan model missing", "staffLoanModel", o => o.Remove("staffLoanModel") },
        { "no skills", "skills", o => o["skills"] = new JsonArray() },
        { "period missing", "period.from", o => o.Remove("period") },
        { "period ends before it starts", "period.until", o => o["period"]!["until"] = Date(1) },
        { "period not a date", "period.from", o => o["period"]!["from"] = "soon" },
        { "skills with numbers", "skills", o => o["skills"] = new JsonArray(1, 2) },
    };

    [Theory]
    [MemberData(nameof(InvalidPersonnelOffers))]
    public async Task An_invalid_staff_loan_is_refused_naming_the_field(string because, string field, Action<JsonObject> breakIt)
    {
        var body = PersonnelOffer();
        breakIt(body);

        var response = await Client.PostAsync("/api/offers", Json(body));

        Assert.True(HttpStatusCode.BadRequest == response.StatusCode, because);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(problem!["errors"]!.AsObject().ContainsKey(field), $"{because}: {problem}");
    }

    [Theory]
    [InlineData("{\"title\": ")]
    [InlineData("[1, 2, 3]")]
    [InlineData("\"just a string\"")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{\"title\": \"a\", \"title\": \"b\"}")]
    [InlineData("{\"title\": \"\\ud800 lone surrogate\"}")]
    [InlineData("{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}")]
    public async Task Malformed_json_is_a_400_problem_never_a_server_error(string body)
    {
        var response = await Client.PostAsync("/api/offers", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotEmpty(problem!["errors"]!.AsObject());
        await AssertNothingStored();
    }

    [Fact]
    public async Task Invalid_utf8_is_a_400_problem()
    {
        var content = new ByteArrayContent([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await Client.PostAsync("/api/offers", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_huge_body_is_refused_with_413_and_nothing_is_stored()
    {
        var body = Offer();
        body["description"] = new string('x', 5 * 1024 * 1024);

        var response = await Client.PostAsync("/api/offers", Json(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        await AssertNothingStored();
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_415()
    {
        var response = await Client.PostAsync("/api/offers", new StringContent("type=goods", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Errors_come_in_german_when_theClient_asks_for_german()
    {
        var body = Offer();
        body.Remove("title");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/offers") { Content = Json(body) };
        request.Headers.AcceptLanguage.ParseAdd("de-DE,de;q=0.9,en;q=0.5");

        var response = await Client.SendAsync(request);

        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Dieses Feld ist erforderlich.", problem!["errors"]!["title"]![0]!.GetValue<string>());
    }

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

    private async Task<HttpResponseMessage> PostWithKey(string path, string body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await Client.SendAsync(request);
    }

    private async Task<long> Total(string path) =>
        (await Client.GetFromJsonAsync<JsonObject>(path))!["total"]!.GetValue<long>();

    private async Task AssertNothingStored(string path = "/api/offers")
    {
        var page = await Client.GetFromJsonAsync<JsonElement>(path);
        Assert.Equal(0, page.GetProperty("total").GetInt64());
    }
}
