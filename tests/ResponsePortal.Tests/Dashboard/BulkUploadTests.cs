using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using ResponsePortal.Accounts;
using ResponsePortal.Tests.Api;
using ResponsePortal.Tests.Support;

namespace ResponsePortal.Tests.Dashboard;

public sealed partial class BulkUploadTests : IAsyncLifetime
{
    private readonly PortalFactory portal = new();
    private HttpClient manager = null!;

    public async Task InitializeAsync()
    {
        await PortalSignIn.InviteAsync(portal, "cm@example.org", PortalRole.ClusterManager, "healthcapital");
        manager = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PortalSignIn.SignInAsync(portal, manager, "cm@example.org");
    }

    public async Task DisposeAsync()
    {
        manager.Dispose();
        await portal.DisposeAsync();
    }

    private static string File() =>
        "\uFEFFtype;category;title;quantity;unit;region;neededBy;urgency;requiredCertifications;organisation.name;organisation.cluster;contact.name;contact.email\r\n" +
        $"goods;ppe-mask-ffp2;\"FFP2 masks; ICU\";4000;piece;DE30;{ListingBodies.Date(14)};critical;\"EN149:FFP2;CE\";Charité;;Max Weber;max.weber@example.org\r\n" +
        $"goods;;Masks;many;piece;DE30;{ListingBodies.Date(14)};high;;Charité;;Max Weber;max.weber@example.org\r\n" +
        $"goods;ppe-mask-ffp2;Masks;100;piece;DE30;{ListingBodies.Date(14)};high;;Charité;other-cluster;Max Weber;max.weber@example.org\r\n";

    private async Task<string> UploadAsync(string content, string name = "shortages.csv")
    {
        var form = await manager.GetStringAsync(new Uri("/bulk", UriKind.Relative));
        using var body = new MultipartFormDataContent
        {
            { new StringContent(PortalSignIn.Token(form)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", name },
        };
        var response = await manager.PostAsync(new Uri("/bulk", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private async Task<string> WaitDoneAsync(string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var page = await manager.GetStringAsync(new Uri(status, UriKind.Relative));
            if (page.Contains("data-bulk-state=\"done\"", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return page;
            }

            Assert.Contains("http-equiv=\"refresh\"", page, StringComparison.Ordinal);
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Valid_lines_are_posted_and_errors_are_reported_by_line_and_field()
    {
        var page = await WaitDoneAsync(await UploadAsync(File()));
        Assert.Contains("Done: 1 posted, 0 already posted before, 2 with errors.", page, StringComparison.Ordinal);
        var rows = ErrorRow().Matches(page).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Contains(("3", "quantity"), rows);
        Assert.Contains(("4", "organisation.cluster"), rows);

        var listings = (await manager.GetFromJsonAsync<JsonArray>(new Uri("/api/export/listings.json", UriKind.Relative)))!;
        var posted = Assert.Single(listings);
        Assert.Equal("FFP2 masks; ICU", (string?)posted!["title"]);
        Assert.Equal("healthcapital", (string?)posted["cluster"]);

        // The same file again posts nothing twice.
        var again = await WaitDoneAsync(await UploadAsync(File(), "again.csv"));
        Assert.Contains("Done: 0 posted, 1 already posted before, 2 with errors.", again, StringComparison.Ordinal);
        Assert.Single((await manager.GetFromJsonAsync<JsonArray>(new Uri("/api/export/listings.json", UriKind.Relative)))!);
    }

    [Fact]
    public async Task Too_many_rows_and_unknown_columns_get_clear_messages()
    {
        var form = await manager.GetStringAsync(new Uri("/bulk", UriKind.Relative));
        var big = new StringBuilder("title\n");
        for (var i = 0; i < 2001; i++)
        {
            big.Append("x\n");
        }

        using var body = new MultipartFormDataContent
        {
            { new StringContent(PortalSignIn.Token(form)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(big.ToString())), "file", "big.csv" },
        };
        var response = await manager.PostAsync(new Uri("/bulk", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The file has 2001 lines; at most 2000 are allowed per upload.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var page = await WaitDoneAsync(await UploadAsync("titel,quantity\nMasks,5\n"));
        Assert.Contains("Unknown column(s): titel", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_template_has_every_column()
    {
        var template = await manager.GetStringAsync(new Uri("/bulk/template.csv", UriKind.Relative));
        Assert.StartsWith("type,category,title,description,quantity", template.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("organisation.name", template, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<tr><td class=""num"">(\d+)</td><td><code>([^<]+)</code></td>")]
    private static partial Regex ErrorRow();
}
