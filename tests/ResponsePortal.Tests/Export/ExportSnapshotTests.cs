using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using ResponsePortal.Accounts;
using ResponsePortal.Tests.Dashboard;
using ResponsePortal.Tests.Support;

namespace ResponsePortal.Tests.Export;

/// <summary>An authority keeps the export as it is now, by API and by the page's button, and finds it again unchanged.</summary>
public sealed class ExportSnapshotTests : IAsyncLifetime
{
    private readonly PortalFactory portal = new();
    private HttpClient authority = null!;

    public async Task InitializeAsync()
    {
        await PortalSignIn.InviteAsync(portal, "authority@example.org", PortalRole.Authority);
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
    public async Task A_snapshot_is_kept_listed_and_downloaded_as_it_was_taken()
    {
        // Matching runs in the background: wait until it is done, so the export does not change under the test.
        await DashboardScenario.WaitForMatchAsync(authority);
        var now = await authority.GetByteArrayAsync(new Uri("/api/export/listings.csv", UriKind.Relative));

        var taken = await authority.PostAsync(new Uri("/api/export/snapshots?kind=listings", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var snapshot = (await taken.Content.ReadFromJsonAsync<JsonObject>())!;
        var name = snapshot["name"]!.GetValue<string>();
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z-listings\.csv$", name);
        var list = await authority.GetFromJsonAsync<JsonArray>(new Uri("/api/export/snapshots", UriKind.Relative));
        Assert.Equal(name, Assert.Single(list!)!["name"]!.GetValue<string>());

        var download = await authority.GetAsync(new Uri("/api/export/snapshots/" + name, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(now, await download.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await authority.GetAsync(new Uri("/api/export/snapshots/..%2Fportal.db", UriKind.Relative))).StatusCode);
        using var anonymous = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/api/export/snapshots/" + name, UriKind.Relative))).StatusCode);
        Assert.NotEqual(HttpStatusCode.Created, (await anonymous.PostAsync(new Uri("/api/export/snapshots", UriKind.Relative), null)).StatusCode);
    }

    [Fact]
    public async Task The_snapshot_page_saves_one_with_a_button_and_lists_it_in_german()
    {
        authority.DefaultRequestHeaders.Add("Accept-Language", "de-DE");
        var page = await authority.GetStringAsync(new Uri("/dashboard/snapshots", UriKind.Relative));
        Assert.Contains("Noch keine gespeicherten Stände.", WebUtility.HtmlDecode(page), StringComparison.Ordinal);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["kind"] = "matches", ["__RequestVerificationToken"] = PortalSignIn.Token(page) });
        var saved = await authority.PostAsync(new Uri("/dashboard/snapshots", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = WebUtility.HtmlDecode(await authority.GetStringAsync(saved.Headers.Location!));
        Assert.Contains("Der Stand wurde gespeichert.", after, StringComparison.Ordinal);
        Assert.Matches(@"href=""/api/export/snapshots/\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z-matches\.csv""", after);
    }
}
