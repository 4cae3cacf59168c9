using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ResponsePortal.Catalog;
using ResponsePortal.Demo;
using ResponsePortal.Listings;
using ResponsePortal.Tests.Support;

namespace ResponsePortal.Tests.Demo;

public sealed class DemoDataTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(45)]
    [InlineData(400)]
    public void Every_demo_listing_passes_validation_whenever_the_demo_runs(int daysAfterWriting)
    {
        var today = DemoSeeder.ScenarioWrittenOn.AddDays(daysAfterWriting);
        var catalog = PortalCatalog.Load();
        var identity = new ListingIdentity("o-aaaaaaaaaaaaaaaa", ListingStatus.Open, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "hash", 0);

        var drafts = DemoSeeder.Load(today).ToList();

        Assert.True(drafts.Count >= 40);
        foreach (var (side, draft, index) in drafts)
        {
            var errors = new FieldErrors();
            var listing = ListingValidator.Validate(draft, side, identity, catalog, today, errors);
            Assert.True(listing is not null, $"demo listing {index}: {string.Join("; ", errors.All.Select(e => $"{e.Field}: {e.En}"))}");
        }
    }

    [Fact]
    public async Task The_demo_option_fills_an_empty_portal_with_goods_capacity_and_staff()
    {
        await using var portal = new PortalFactory(new Dictionary<string, string?> { ["Portal:DemoData"] = "true" });
        var client = portal.CreateClient();

        var offers = await client.GetFromJsonAsync<JsonObject>("/api/offers?pageSize=100");
        var requests = await client.GetFromJsonAsync<JsonObject>("/api/requests?pageSize=100");

        var types = offers!["items"]!.AsArray().Select(i => i!["type"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(["capacity", "goods", "personnel"], types.Order());
        Assert.True(requests!["total"]!.GetValue<long>() >= 10);
        Assert.Contains(requests["items"]!.AsArray(), r => r!["urgency"]!.GetValue<string>() == "critical");
    }
}
