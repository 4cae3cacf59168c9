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
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send sign-in link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your e-mail");
        var link = await PortalSignIn.LinkFor(server, email);
        await page.GotoAsync(link);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
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

/// <summary>The README's picture: the dashboard over the demo scenario, saved to docs/screenshots/dashboard.png.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class DashboardScreenshotTests(Chromium chromium) : IAsyncLifetime
{
    private readonly PortalServer server = PortalServer.Start(new Dictionary<string, string?> { ["Portal:DemoData"] = "true" });

    public Task InitializeAsync() => DashboardBrowserTests.InviteAsync(server, "authority@example.org", PortalRole.Authority, null);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_demo_dashboard_is_clear_and_saved_for_the_README()
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
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.ScreenshotDirectory, "dashboard-full.png"), FullPage = true });
        // For the README: the top of the page (filters, key figures, gaps, supply and demand), not all six screens.
        var shot = Path.Combine(Chromium.ScreenshotDirectory, "dashboard.png");
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true, Clip = new Clip { X = 0, Y = 0, Width = 1280, Height = 1900 } });
        var docs = RepositoryRoot() is { } root ? Path.Combine(root, "docs", "screenshots") : null;
        if (docs is not null && Directory.Exists(docs))
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
