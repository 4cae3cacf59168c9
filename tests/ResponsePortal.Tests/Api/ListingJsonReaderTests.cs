using System.Text;
using System.Text.Json.Nodes;
using ResponsePortal.Listings;

namespace ResponsePortal.Tests.Api;

/// <summary>
/// The body reader on its own: what a client gets told about each field. The API tests check that these errors reach
/// the problem+json answer; here every rule of reading (not of validating) is pinned down.
/// </summary>
public sealed class ListingJsonReaderTests
{
    [Fact]
    public void Every_field_of_a_personnel_offer_is_read()
    {
        var body = ListingBodies.PersonnelOffer();
        body["leadTimeDays"] = 4;
        body["minimumOrder"] = 2;

        var (draft, errors) = Read(body.ToJsonString());

        Assert.False(errors.Any, string.Join("; ", errors.All));
        Assert.Equal(("personnel", "staff-logistics", 12L, "DE60", 50L), (draft.Type, draft.Category, draft.Quantity, draft.Region, draft.RadiusKm));
        Assert.Equal(["forklift operation", "warehouse picking"], draft.Skills!);
        Assert.Equal((4L, 2L), (draft.LeadTimeDays, draft.MinimumOrder));
        Assert.Equal(ListingBodies.Today.AddDays(3), draft.AvailableFrom);
        Assert.NotNull(draft.PeriodFrom);
        Assert.NotNull(draft.PeriodUntil);
        Assert.NotNull(draft.StaffLoanModel);
        Assert.True(draft.EmployeesAgreed);
        Assert.NotNull(draft.OrganisationName);
        Assert.NotNull(draft.ContactEmail);
    }

    [Fact]
    public void Every_field_of_an_offer_and_a_request_is_read()
    {
        var (offer, offerErrors) = Read(ListingBodies.Offer().ToJsonString());
        var (request, requestErrors) = Read(ListingBodies.Request().ToJsonString());

        Assert.False(offerErrors.Any || requestErrors.Any);
        Assert.Equal(("goods", "FFP2 masks from our second production line", "Boxes of 20, EN 149 certified.", 10000L, "piece"),
            (offer.Type, offer.Title, offer.Description, offer.Quantity, offer.Unit));
        Assert.Equal((53.55, 9.99, 300L), (offer.Lat, offer.Lon, offer.RadiusKm));
        Assert.Equal((ListingBodies.Today.AddDays(10), ListingBodies.Today.AddDays(70)), (offer.AvailableFrom, offer.ExpiresAt));
        Assert.Equal(["EN149:FFP2", "CE"], offer.Certifications!);
        Assert.Equal(("Nordlicht Textil GmbH", "life-science-nord"), (offer.OrganisationName, offer.OrganisationCluster));
        Assert.Equal(("Jana Petersen", "jana.petersen@example.org", "+49 40 1234567"), (offer.ContactName, offer.ContactEmail, offer.ContactPhone));
        Assert.Equal("de", offer.Language);
        Assert.Equal((ListingBodies.Today.AddDays(14), "critical", 3L), (request.NeededBy, request.Urgency, request.DaysOfSupplyLeft));
        Assert.Equal(["EN149:FFP2"], request.RequiredCertifications!);
    }

    [Theory]
    [InlineData("""{"title": "a", "title": "b"}""", "title", "a")]
    [InlineData("""{"title": 5, "title": "b"}""", "title", null)]
    [InlineData("""{"\u0074itle": "a", "title": "b"}""", "title", "a")]
    [InlineData("""{"title": "a", "contact": {"email": "a@example.org", "email": "b@example.org"}}""", "contact.email", "a")]
    [InlineData("""{"title": "a", "contact": {}, "contact": {"email": 1}}""", "contact", "a")]
    public void A_field_that_appears_twice_is_named_and_its_first_value_counts(string json, string field, string? title)
    {
        var (draft, errors) = Read(json);

        var error = Assert.Single(errors.All);
        Assert.Equal((field, "This field appears more than once."), (error.Field, error.En));
        Assert.Equal(title, draft.Title);
    }

    [Theory]
    [InlineData("""{"type": 3}""", "type", "Must be text.")]
    [InlineData("""{"title": ["a"]}""", "title", "Must be text.")]
    [InlineData("""{"quantity": "many"}""", "quantity", "Must be a whole number.")]
    [InlineData("""{"quantity": 1.5}""", "quantity", "Must be a whole number.")]
    [InlineData("""{"quantity": 1e30}""", "quantity", "Must be a whole number.")]
    [InlineData("""{"lat": "53"}""", "lat", "Must be a number.")]
    [InlineData("""{"lat": 1e400}""", "lat", "Must be a number.")]
    [InlineData("""{"employeesAgreed": "yes"}""", "employeesAgreed", "Must be true or false.")]
    [InlineData("""{"availableFrom": "next week"}""", "availableFrom", "Must be a date written as yyyy-mm-dd.")]
    [InlineData("""{"availableFrom": "2026-02-30"}""", "availableFrom", "Must be a date written as yyyy-mm-dd.")]
    [InlineData("""{"certifications": "CE"}""", "certifications", "Must be a list of texts.")]
    [InlineData("""{"certifications": ["CE", 1, {"a": [1]}, "EN149:FFP2"]}""", "certifications", "Must be a list of texts.")]
    [InlineData("""{"organisation": "ACME"}""", "organisation", "Must be an object.")]
    [InlineData("""{"period": {"from": 20260301}}""", "period.from", "Must be text.")]
    [InlineData("""{"contact": {"phone": true}}""", "contact.phone", "Must be text.")]
    [InlineData("""{"title": "\ud800 lone surrogate"}""", "title", "Contains characters that are not valid text.")]
    [InlineData("""{"skills": ["ok", "\udfff"]}""", "skills", "Contains characters that are not valid text.")]
    public void A_value_of_the_wrong_kind_is_named_under_its_field(string json, string field, string message)
    {
        var (_, errors) = Read(json);

        var error = Assert.Single(errors.All);
        Assert.Equal((field, message), (error.Field, error.En));
    }

    [Fact]
    public void Errors_of_several_fields_are_all_reported_and_the_other_fields_still_read()
    {
        var (draft, errors) = Read("""{"quantity": "x", "title": "Masks", "lat": true, "contact": {"email": 1, "name": "Jana"}, "region": "DE60"}""");

        Assert.Equal(["contact.email", "lat", "quantity"], errors.All.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Equal(("Masks", "Jana", "DE60"), (draft.Title, draft.ContactName, draft.Region));
        Assert.Null(draft.Quantity);
    }

    [Fact]
    public void Null_is_the_same_as_leaving_a_field_out_and_unknown_fields_are_ignored()
    {
        var (draft, errors) = Read("""
            {"title": null, "organisation": null, "quantity": 10.0, "x-note": {"deep": [[{"a": null}], "\ud800"]},
             "contact": {"name": "Jana", "pager": 123}, "\ud800": 1}
            """);

        Assert.False(errors.Any, string.Join("; ", errors.All));
        Assert.Null(draft.Title);
        Assert.Null(draft.OrganisationName);
        Assert.Equal(10, draft.Quantity); // a whole number written as 10.0
        Assert.Equal("Jana", draft.ContactName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("""{"title": """)]
    [InlineData("""{"title": "a",}""")]
    [InlineData("""{"title": "a"} trailing""")]
    [InlineData("""{"title": "a"}{"title": "b"}""")]
    [InlineData("""[1, 2""")]
    [InlineData("""{"title": "a" /* comment */}""")]
    [InlineData("""{"quantity": 5, "title": "a", "lat": }""")]
    public void A_body_that_is_not_json_gets_one_error_for_the_whole_body(string json)
    {
        var (_, errors) = Read(json);

        var error = Assert.Single(errors.All);
        Assert.Equal("$", error.Field);
        Assert.StartsWith("The body is not valid JSON", error.En, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2, 3]")]
    [InlineData("\"just a string\"")]
    [InlineData("null")]
    [InlineData("42")]
    public void Json_that_is_not_an_object_is_told_so(string json)
    {
        var error = Assert.Single(Read(json).Errors.All);

        Assert.Equal(("$", "The body must be a JSON object."), (error.Field, error.En));
    }

    [Fact]
    public void Nesting_deeper_than_sixteen_levels_is_refused_as_invalid_json()
    {
        var json = "{\"x-note\":" + new string('[', 16) + new string(']', 16) + "}";

        Assert.Equal("$", Assert.Single(Read(json).Errors.All).Field);
        Assert.False(Read("{\"x-note\":" + new string('[', 14) + new string(']', 14) + "}").Errors.Any);
    }

    [Fact]
    public void Invalid_utf8_is_told_apart_from_invalid_json()
    {
        var (_, errors) = ListingJsonReader.Read(new byte[] { (byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}' });

        Assert.Equal(("$", "The body is not valid UTF-8 text."), (Assert.Single(errors.All).Field, errors.All[0].En));
    }

    private static (ListingDraft Draft, FieldErrors Errors) Read(string json) => ListingJsonReader.Read(Encoding.UTF8.GetBytes(json));
}
