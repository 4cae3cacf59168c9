using System.Globalization;
using System.Text.Json;
using ResponsePortal.Catalog;
using ResponsePortal.Demo;

namespace ResponsePortal.Tests.Catalog;

/// <summary>The demo scenario only uses codes from the catalogues and follows the listing API contract.</summary>
public class DemoListingsTests
{
    private static readonly PortalCatalog Catalog = PortalCatalog.Load();
    private static readonly DateOnly ScenarioStart = new(2026, 12, 1);
    private static readonly DateOnly ScenarioEnd = new(2027, 3, 31);

    private static List<(string Side, JsonElement Listing)> LoadEntries()
    {
        using var stream = DemoListings.OpenJson();
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("side").GetString()!, e.GetProperty("listing").Clone()))
            .ToList();
    }

    private static DateOnly Date(JsonElement listing, string property) =>
        DateOnly.ParseExact(listing.GetProperty(property).GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string[] Strings(JsonElement listing, string property) =>
        listing.TryGetProperty(property, out var array) ? array.EnumerateArray().Select(s => s.GetString()!).ToArray() : [];

    [Fact]
    public void Scenario_has_offers_and_requests_of_every_type()
    {
        var entries = LoadEntries();
        Assert.InRange(entries.Count, 35, 80);
        foreach (var side in new[] { "offer", "request" })
        {
            foreach (var type in ListingTypes.All)
                Assert.Contains(entries, e => e.Side == side && e.Listing.GetProperty("type").GetString() == type);
        }
    }

    [Fact]
    public void Every_code_exists_in_the_catalogues()
    {
        foreach (var (side, listing) in LoadEntries())
        {
            var title = listing.GetProperty("title").GetString();
            var type = listing.GetProperty("type").GetString()!;
            Assert.True(Catalog.TryGetCategory(listing.GetProperty("category").GetString()!, out var category), title);
            Assert.Contains(type, category.Types);
            Assert.True(Catalog.TryGetRegion(listing.GetProperty("region").GetString()!, out var region), title);
            Assert.True(Catalog.IsKnownUnit(listing.GetProperty("unit").GetString()!), title);
            Assert.Equal(category.DefaultUnit, listing.GetProperty("unit").GetString());
            var certifications = Strings(listing, side == "offer" ? "certifications" : "requiredCertifications");
            Assert.All(certifications, c => Assert.True(Catalog.IsKnownCertification(c), $"{title}: {c}"));
            Assert.All(Strings(listing, "skills"), s => Assert.True(Catalog.IsKnownSkill(s), $"{title}: {s}"));
            if (listing.TryGetProperty("lat", out var lat))
            {
                var point = region with { Lat = lat.GetDouble(), Lon = listing.GetProperty("lon").GetDouble() };
                Assert.True(CatalogDataTests.DistanceKm(point, region) < 200, $"{title}: coordinates far from region {region.Code}");
            }
        }
    }

    [Fact]
    public void Offers_and_requests_follow_the_listing_contract()
    {
        foreach (var (side, listing) in LoadEntries())
        {
            var title = listing.GetProperty("title").GetString();
            Assert.True(listing.GetProperty("quantity").GetInt32() > 0, title);
            Assert.Contains(listing.GetProperty("language").GetString(), new[] { "de", "en" });
            var email = listing.GetProperty("contact").GetProperty("email").GetString()!;
            Assert.True(email.EndsWith("@example.org", StringComparison.Ordinal) || email.EndsWith("@example.com", StringComparison.Ordinal), email);
            Assert.False(string.IsNullOrWhiteSpace(listing.GetProperty("organisation").GetProperty("name").GetString()));
            var expiresAt = Date(listing, "expiresAt");
            Assert.InRange(expiresAt, ScenarioStart, ScenarioEnd);
            var type = listing.GetProperty("type").GetString();

            if (side == "offer")
            {
                var availableFrom = Date(listing, "availableFrom");
                Assert.InRange(availableFrom, ScenarioStart, ScenarioEnd);
                Assert.True(expiresAt > availableFrom, title);
                Assert.True(listing.GetProperty("radiusKm").GetInt32() > 0, title);
                Assert.False(listing.TryGetProperty("neededBy", out _), title);
                Assert.False(listing.TryGetProperty("urgency", out _), title);
                if (type == ListingTypes.Personnel)
                {
                    Assert.Contains(listing.GetProperty("staffLoanModel").GetString(), new[] { "side-job", "suspended-contract", "agency-exception" });
                    Assert.True(listing.GetProperty("employeesAgreed").GetBoolean(), title);
                }
            }
            else
            {
                Assert.Equal("request", side);
                var neededBy = Date(listing, "neededBy");
                Assert.InRange(neededBy, ScenarioStart, ScenarioEnd);
                Assert.True(expiresAt > neededBy, title);
                Assert.Contains(listing.GetProperty("urgency").GetString(), new[] { "critical", "high", "normal" });
                if (listing.TryGetProperty("daysOfSupplyLeft", out var days)) Assert.True(days.GetInt32() >= 0, title);
                Assert.False(listing.TryGetProperty("radiusKm", out _), title);
                Assert.False(listing.TryGetProperty("availableFrom", out _), title);
                Assert.False(listing.TryGetProperty("staffLoanModel", out _), title);
                Assert.False(listing.TryGetProperty("employeesAgreed", out _), title);
            }

            if (type == ListingTypes.Personnel)
            {
                Assert.NotEmpty(Strings(listing, "skills"));
                var period = listing.GetProperty("period");
                Assert.True(Date(period, "until") > Date(period, "from"), title);
            }
        }
    }

    [Fact]
    public void Some_requests_can_be_served_by_a_substitute_offer()
    {
        var entries = LoadEntries();
        var offerCategories = entries.Where(e => e.Side == "offer").Select(e => e.Listing.GetProperty("category").GetString()!).ToHashSet();
        // The FFP2 shortage can draw on FFP3 stock: the scenario exercises the substitute rule.
        Assert.Contains("ppe-mask-ffp3", offerCategories);
        Assert.Contains(entries, e => e.Side == "request" && e.Listing.GetProperty("category").GetString() == "ppe-mask-ffp2");
        Assert.True(Catalog.CanServe("ppe-mask-ffp3", "ppe-mask-ffp2"));
    }
}
