using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResponsePortal.Tests.Support;
using static ResponsePortal.Tests.Api.ListingBodies;

namespace ResponsePortal.Tests.Api;

/// <summary>Bad input of every shape is a 400/413/415 problem+json naming the field, in the client's language, and stores nothing.</summary>
public sealed class ListingValidationApiTests : PortalTest
{
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

    private async Task AssertNothingStored(string path = "/api/offers")
    {
        var page = await Client.GetFromJsonAsync<JsonElement>(path);
        Assert.Equal(0, page.GetProperty("total").GetInt64());
    }
}
