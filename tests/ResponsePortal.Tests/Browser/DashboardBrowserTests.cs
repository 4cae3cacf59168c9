using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ResponsePortal.Accounts;
using ResponsePortal.Tests.Dashboard;

namespace ResponsePortal.Tests.Browser;

/// <summary>Sign-in through the e-mailed link, the dashboard's numbers, filters and export, in a real browser.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class DashboardBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private readonly PortalServer server = PortalServer.Start();

    public async Task InitializeAsync()
    {
        await InviteAsync(server, "authority@example.org", PortalRole.Authority, null);
        await InviteAsync(server, "cm@example.org", PortalRole.ClusterManager, "healthcapital");
        using var client = server.CreateClient();
        await DashboardScenario.PostAsync(client);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    internal static Task InviteAsync(PortalServer server, string email, PortalRole role, string? cluster) =>
        server.Services.GetRequiredService<IAccountStore>().UpsertAsync(new Account(email, role, cluster, null, DateTimeOffset.UtcNow, "test"), CancellationToken.None);

    /// <summary>Starts at the dashboard, is sent to sign in, asks for the link, opens it from the "mailbox" and confirms.</summary>
    internal static async Task SignInAsync(IPage page, PortalServer server, string email)
    {
        await page.GotoAsync(server.Url("/dashboard"));
        Assert.Contains("/signin?returnUrl=", page.Url, StringComparison.Ordinal);
        // By id and role, not by text, so the helper works in either language.
        await page.Locator("#email").FillAsync(email);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("main .notice[role=status]")).ToContainTextAsync(email);
        var link = await PortalSignIn.LinkFor(server, email);
        await page.GotoAsync(link);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/dashboard", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_authority_signs_in_by_link_sees_the_numbers_filters_and_exports()
    {
        var page = await chromium.NewPageAsync("en-GB");
        await SignInAsync(page, server, "authority@example.org");
        // The matcher runs in the background: wait until the numbers include its match.
        for (var i = 0; i < 100 && await page.Locator("[data-kpi=fill-rate]").InnerTextAsync() == "0%"; i++)
        {
            await Task.Delay(100);
            await page.ReloadAsync();
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Supply and demand dashboard");
        await Assertions.Expect(page.Locator(".dashboard > .caption")).ToHaveTextAsync("All clusters");
        await Assertions.Expect(page.Locator("[data-kpi=open-offers]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-kpi=open-requests]")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-kpi=fill-rate]")).ToHaveTextAsync("67%");
        await Assertions.Expect(page.Locator("#table-gaps tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#table-gaps tbody tr td").Nth(4)).ToHaveTextAsync("1,000");
        await Assertions.Expect(page.Locator("#table-category tbody tr td").Nth(3)).ToHaveTextAsync("4,500");
        // Charts are images with a name and a description.
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Supply and demand by category" });
        await Assertions.Expect(chart).ToBeVisibleAsync();
        Assert.Contains("1 categories", await page.Locator("#chart-category desc").TextContentAsync(), StringComparison.Ordinal);

        // Filter: only normal urgency.
        await page.GetByLabel("How urgent is it?").SelectOptionAsync("normal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filter" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("urgency=normal", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-kpi=open-requests]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-kpi=fill-rate]")).ToHaveTextAsync("0%");

        // Export the filtered listings as CSV.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Listings (CSV)", Exact = true }).ClickAsync());
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes);
        Assert.Contains("FFP2 masks for the Munich clinics", csv, StringComparison.Ordinal);
        Assert.Contains("Nordlicht Textil GmbH", csv, StringComparison.Ordinal); // offers are not filtered by urgency
        Assert.DoesNotContain("HYPERLINK", csv, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.ScreenshotDirectory, "dashboard-filtered.png"), FullPage = true });
    }

    [Fact]
    public async Task A_cluster_manager_sees_only_their_cluster()
    {
        var page = await chromium.NewPageAsync("en-GB");
        await SignInAsync(page, server, "cm@example.org");
        await Assertions.Expect(page.GetByText("Your cluster healthcapital")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-kpi=open-requests]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-kpi=open-offers]")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("#table-region tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByText("Klinikum München")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Bulk upload" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.ScreenshotDirectory, "dashboard-cluster.png"), FullPage = true });
    }

    [Fact]
    public async Task A_cluster_manager_uploads_shortages_and_watches_the_progress_without_JavaScript()
    {
        var context = await chromium.Browser.NewContextAsync(new() { Locale = "de-DE", JavaScriptEnabled = false, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await SignInAsync(page, server, "cm@example.org");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sammel-Upload" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Bedarfe aus einer CSV-Datei melden");
        var day = DateTime.UtcNow.Date.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var csv = "type,category,title,quantity,unit,region,neededBy,urgency,organisation.name,contact.name,contact.email\r\n" +
            $"goods,ppe-gloves-nitrile,Nitrilhandschuhe,20000,piece,DE30,{day},high,Klinik Nord,Eva Schulz,eva.schulz@example.org\r\n" +
            $"goods,ppe-gloves-nitrile,Nitrilhandschuhe,-5,piece,DE30,{day},high,Klinik Nord,Eva Schulz,eva.schulz@example.org\r\n";
        await page.GetByLabel("CSV-Datei").SetInputFilesAsync(new FilePayload { Name = "bedarfe.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Hochladen und melden" }).ClickAsync();
        // The status page reloads itself by meta refresh until done (JavaScript is off in this context).
        await Assertions.Expect(page.Locator("[data-bulk-state=done]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-bulk-state=done]")).ToHaveTextAsync("Fertig: 1 gemeldet, 0 schon früher gemeldet, 1 mit Fehlern.");
        await Assertions.Expect(page.Locator("#bulk-errors tbody tr td").First).ToHaveTextAsync("3");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.ScreenshotDirectory, "bulk-status-de.png"), FullPage = true });
        await context.CloseAsync();
    }

    [Fact]
    public async Task Anonymous_visitors_are_refused()
    {
        var page = await chromium.NewPageAsync("en-GB");
        var api = await page.GotoAsync(server.Url("/api/dashboard"));
        Assert.Equal((int)HttpStatusCode.Unauthorized, api!.Status);
        var export = await page.GotoAsync(server.Url("/api/export/matches.json"));
        Assert.Equal((int)HttpStatusCode.Unauthorized, export!.Status);
        await page.GotoAsync(server.Url("/dashboard"));
        Assert.Contains("/signin?returnUrl=%2Fdashboard", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByText("Please sign in to see this page.")).ToBeVisibleAsync();
    }
}

/// <summary>
/// The demo portal matches by itself, and its dashboard shows it. The screenshot is the README's picture: it goes to the
/// test screenshot folder, and into docs/screenshots only when RP_UPDATE_SCREENSHOTS=1 (tests never change the checkout
/// on their own).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class DashboardScreenshotTests(Chromium chromium) : IAsyncLifetime
{
    private readonly PortalServer server = PortalServer.Start(new Dictionary<string, string?> { ["Portal:DemoData"] = "true" });

    public Task InitializeAsync() => DashboardBrowserTests.InviteAsync(server, "authority@example.org", PortalRole.Authority, null);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_demo_portal_matches_by_itself_and_its_dashboard_shows_the_proposals()
    {
        var page = await chromium.NewPageAsync("en-GB");
        await DashboardBrowserTests.SignInAsync(page, server, "authority@example.org");
        // Let the matcher work through the demo listings.
        string? before = null;
        for (var i = 0; i < 50; i++)
        {
            await page.ReloadAsync();
            var now = await page.Locator("#table-funnel").InnerTextAsync();
            if (now == before && !now.Contains("Proposed\t0", StringComparison.Ordinal))
            {
                break;
            }

            before = now;
            await Task.Delay(300);
        }

        await Assertions.Expect(page.Locator("#table-category tbody tr").First).ToBeVisibleAsync();
        Assert.DoesNotContain("Proposed\t0", await page.Locator("#table-funnel").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.ScreenshotDirectory, "dashboard-full.png"), FullPage = true });
        // For the README: the top of the page (filters, key figures, gaps, supply and demand), not all six screens.
        var shot = Path.Combine(Chromium.ScreenshotDirectory, "dashboard.png");
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true, Clip = new Clip { X = 0, Y = 0, Width = 1280, Height = 1900 } });
        var docs = RepositoryRoot() is { } root ? Path.Combine(root, "docs", "screenshots") : null;
        if (docs is not null && Directory.Exists(docs) && Environment.GetEnvironmentVariable("RP_UPDATE_SCREENSHOTS") == "1")
        {
            File.Copy(shot, Path.Combine(docs, "dashboard.png"), overwrite: true);
        }
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ResponsePortal.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
