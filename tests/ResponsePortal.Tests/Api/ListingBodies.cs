using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ResponsePortal.Tests.Api;

/// <summary>Valid request bodies as in shared/formats/api-listing.md, as mutable JSON so each test can break one thing.</summary>
public static class ListingBodies
{
    public static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Date(int daysFromToday) => Today.AddDays(daysFromToday).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static JsonObject Offer() => new()
    {
        ["type"] = "goods",
        ["category"] = "ppe-mask-ffp2",
        ["title"] = "FFP2 masks from our second production line",
        ["description"] = "Boxes of 20, EN 149 certified.",
        ["quantity"] = 10000,
        ["unit"] = "piece",
        ["region"] = "DE60",
        ["lat"] = 53.55,
        ["lon"] = 9.99,
        ["radiusKm"] = 300,
        ["availableFrom"] = Date(10),
        ["expiresAt"] = Date(70),
        ["certifications"] = new JsonArray("EN149:FFP2", "CE"),
        ["organisation"] = new JsonObject { ["name"] = "Nordlicht Textil GmbH", ["cluster"] = "life-science-nord" },
        ["contact"] = new JsonObject { ["name"] = "Jana Petersen", ["email"] = "jana.petersen@example.org", ["phone"] = "+49 40 1234567" },
        ["language"] = "de",
    };

    public static JsonObject Request() => new()
    {
        ["type"] = "goods",
        ["category"] = "ppe-mask-ffp2",
        ["title"] = "FFP2 masks for intensive care",
        ["quantity"] = 4000,
        ["unit"] = "piece",
        ["region"] = "DE30",
        ["neededBy"] = Date(14),
        ["urgency"] = "critical",
        ["daysOfSupplyLeft"] = 3,
        ["requiredCertifications"] = new JsonArray("EN149:FFP2"),
        ["organisation"] = new JsonObject { ["name"] = "Charité Einkauf", ["cluster"] = "healthcapital" },
        ["contact"] = new JsonObject { ["name"] = "Max Weber", ["email"] = "max.weber@example.org" },
        ["language"] = "en",
    };

    public static JsonObject PersonnelOffer() => new()
    {
        ["type"] = "personnel",
        ["category"] = "staff-logistics",
        ["title"] = "Airport ground staff for warehouse work",
        ["quantity"] = 12,
        ["region"] = "DE60",
        ["radiusKm"] = 50,
        ["availableFrom"] = Date(3),
        ["skills"] = new JsonArray("forklift operation", "warehouse picking"),
        ["period"] = new JsonObject { ["from"] = Date(3), ["until"] = Date(60) },
        ["staffLoanModel"] = "suspended-contract",
        ["employeesAgreed"] = true,
        ["organisation"] = new JsonObject { ["name"] = "Hanse Airport Services" },
        ["contact"] = new JsonObject { ["name"] = "Ole Hansen", ["email"] = "ole@example.org" },
    };

    public static StringContent Json(JsonNode body) => Json(body.ToJsonString());

    public static StringContent Json(string text)
    {
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
