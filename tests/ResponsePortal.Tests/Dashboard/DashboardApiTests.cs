using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using ResponsePortal.Accounts;
using ResponsePortal.Tests.Support;

namespace ResponsePortal.Tests.Dashboard;

public sealed class DashboardApiTests : IAsyncLifetime
{
    private readonly PortalFactory portal = new();
    private HttpClient authority = null!;

    public async Task InitializeAsync()
    {
        await PortalSignIn.InviteAsync(portal, "authority@example.org", PortalRole.Authority);
        await PortalSignIn.InviteAsync(portal, "cm@example.org", PortalRole.ClusterManager, "healthcapital");
        authority = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PortalSignIn.SignInAsync(portal, authority, "authority@example.org");
        await DashboardScenario.PostAsync(authority);
    }

    public async Task DisposeAsync()
    {
        authority.Dispose();
        await portal.DisposeAsync();
    }

    [Fact]
    public async Task The_numbers_agree_with_the_posted_listings_and_the_match()
    {
        var body = await DashboardScenario.WaitForMatchAsync(authority);
        var totals = body["totals"]!;
        Assert.Equal(1, (long)totals["openOffers"]!);
        Assert.Equal(3000, (long)totals["openOfferQuantity"]!);
        Assert.Equal(2, (long)totals["openRequests"]!);
        Assert.Equal(4500, (long)totals["openRequestQuantity"]!);
        Assert.Equal(3000, (long)totals["matchedQuantity"]!);
        Assert.Equal(1500, (long)totals["unmetQuantity"]!);
        Assert.Equal(3000.0 / 4500, (double)totals["fillRate"]!, 6);
        Assert.Equal(3, (long)totals["postedInPeriod"]!);

        var gap = Assert.Single(body["criticalGaps"]!.AsArray());
        Assert.Equal("ppe-mask-ffp2", (string?)gap!["category"]);
        Assert.Equal("DE30", (string?)gap["region"]);
        Assert.Equal(1000, (long)gap["unmetQuantity"]!);

        var category = Assert.Single(body["byCategory"]!.AsArray());
        Assert.Equal(3000, (long)category!["supplyQuantity"]!);
        Assert.Equal(4500, (long)category["demandQuantity"]!);
        Assert.Equal(3, body["byRegion"]!.AsArray().Count);

        Assert.Equal(1, (long)body["funnel"]!["proposed"]!);
        Assert.Equal(1, (long)body["timeToFirstMatch"]!["matchedRequests"]!);
        Assert.True((double)body["timeToFirstMatch"]!["medianSeconds"]! < 60);
        var today = body["trend"]!.AsArray()[^1]!;
        Assert.Equal(2, (long)today["requestsPosted"]!);
        Assert.Equal(1, (long)today["offersPosted"]!);
        Assert.Equal(1, (long)today["matches"]!);
    }

    [Fact]
    public async Task Filters_narrow_the_numbers()
    {
        await DashboardScenario.WaitForMatchAsync(authority);
        var normal = (await authority.GetFromJsonAsync<JsonObject>(new Uri("/api/dashboard?urgency=normal", UriKind.Relative)))!;
        Assert.Equal(1, (long)normal["totals"]!["openRequests"]!);
        Assert.Equal(500, (long)normal["totals"]!["openRequestQuantity"]!);
        Assert.Equal(1, (long)normal["totals"]!["openOffers"]!); // urgency concerns demand only
        Assert.Equal(0, (long)normal["funnel"]!["proposed"]!);

        var berlin = (await authority.GetFromJsonAsync<JsonObject>(new Uri("/api/dashboard?region=DE3", UriKind.Relative)))!;
        Assert.Equal(1, (long)berlin["totals"]!["openRequests"]!);
        Assert.Equal(0, (long)berlin["totals"]!["openOffers"]!);

        var capacity = (await authority.GetFromJsonAsync<JsonObject>(new Uri("/api/dashboard?type=capacity&period=7d", UriKind.Relative)))!;
        Assert.Equal(0, (long)capacity["totals"]!["openRequests"]!);
        Assert.Equal(7, capacity["trend"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_cluster_manager_sees_only_their_cluster()
    {
        await DashboardScenario.WaitForMatchAsync(authority);
        using var manager = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PortalSignIn.SignInAsync(portal, manager, "cm@example.org");
        var body = (await manager.GetFromJsonAsync<JsonObject>(new Uri("/api/dashboard", UriKind.Relative)))!;
        Assert.Equal("healthcapital", (string?)body["scope"]!["cluster"]);
        Assert.Equal(1, (long)body["totals"]!["openRequests"]!);
        Assert.Equal(4000, (long)body["totals"]!["openRequestQuantity"]!);
        Assert.Equal(0, (long)body["totals"]!["openOffers"]!);
        Assert.Equal(1, (long)body["funnel"]!["proposed"]!);

        var listings = await manager.GetStringAsync(new Uri("/api/export/listings.csv?period=all", UriKind.Relative));
        Assert.DoesNotContain("Klinikum München", listings, StringComparison.Ordinal);
        Assert.DoesNotContain("Nordlicht", listings, StringComparison.Ordinal);
        Assert.Contains("max.weber@example.org", listings, StringComparison.Ordinal);

        // The match is only proposed: the offering company's contact stays private to the cluster manager.
        var matches = await manager.GetStringAsync(new Uri("/api/export/matches.csv", UriKind.Relative));
        Assert.Contains("Nordlicht Textil GmbH", matches, StringComparison.Ordinal);
        Assert.DoesNotContain("jana.petersen@example.org", matches, StringComparison.Ordinal);
        var authorityMatches = await authority.GetStringAsync(new Uri("/api/export/matches.csv", UriKind.Relative));
        Assert.Contains("jana.petersen@example.org", authorityMatches, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_CSV_export_is_RFC_4180_with_a_BOM_and_neutralises_formulas()
    {
        var response = await authority.GetAsync(new Uri("/api/export/listings.csv?hxl=1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var lines = text.Split("\r\n");
        Assert.StartsWith("id,side,status,type,category", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("#meta+id,#meta+side,#status", lines[1], StringComparison.Ordinal);
        Assert.Equal(3 + 2 + 1, lines.Length); // header, hxl, three listings, and the empty string after the last CRLF
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"", text, StringComparison.Ordinal);
        Assert.Contains("\"Charité, Einkauf\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", text, StringComparison.Ordinal);

        var json = (await authority.GetFromJsonAsync<JsonArray>(new Uri("/api/export/listings.json", UriKind.Relative)))!;
        Assert.Equal(3, json.Count);
        Assert.Equal(DashboardScenario.Formula, (string?)json[1]!["title"]); // JSON is data, not a spreadsheet: unchanged
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+49 40 123", "'+49 40 123")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("plain", "plain")]
    public void Cells_that_a_spreadsheet_would_run_get_an_apostrophe(string value, string expected) =>
        Assert.Equal(expected, ResponsePortal.Export.CsvWriter.Neutralise(value));
}
