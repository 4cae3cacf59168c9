using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using ResponsePortal.Accounts;
using ResponsePortal.Tests.Pipeline;
using ResponsePortal.Tests.Support;

namespace ResponsePortal.Tests.Dashboard;

public sealed class AuthTests : IAsyncLifetime
{
    private readonly PortalFactory portal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private HttpClient Client() => portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/api/dashboard")]
    [InlineData("/api/matches")]
    [InlineData("/api/export/listings.csv")]
    [InlineData("/api/export/listings.json")]
    [InlineData("/api/export/matches.csv")]
    [InlineData("/api/export/matches.json")]
    public async Task Anonymous_API_callers_get_401(string path)
    {
        using var client = Client();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/admin/accounts")]
    [InlineData("/bulk")]
    public async Task Anonymous_visitors_of_pages_are_sent_to_sign_in(string path)
    {
        using var client = Client();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin?returnUrl=", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_emailed_link_signs_in_once_and_only_its_hash_is_stored()
    {
        await PortalSignIn.InviteAsync(portal, "authority@example.org", PortalRole.Authority);
        using var client = Client();
        var link = await PortalSignIn.SignInAsync(portal, client, "authority@example.org");
        var dashboard = await client.GetAsync(new Uri("/api/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        var body = await dashboard.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        Assert.Equal("authority", (string?)body!["scope"]!["role"]);

        // The token is nowhere in the database file.
        var token = new Uri(link).Query.Split("token=")[1];
        var bytes = await File.ReadAllBytesAsync(Path.Combine(portal.DataDirectory, "portal.db"));
        var wal = Path.Combine(portal.DataDirectory, "portal.db-wal");
        var text = System.Text.Encoding.ASCII.GetString(bytes) + (File.Exists(wal) ? System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(wal)) : "");
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);

        // A second use of the same link fails.
        using var other = Client();
        var confirm = await other.GetStringAsync(link);
        using var post = new FormUrlEncodedContent(new Dictionary<string, string> { ["Token"] = token, ["__RequestVerificationToken"] = PortalSignIn.Token(confirm) });
        var again = await other.PostAsync(new Uri("/signin/link", UriKind.Relative), post);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync(new Uri("/api/dashboard", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Unknown_addresses_get_the_same_answer_and_no_mail()
    {
        using var client = Client();
        var form = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));
        using var request = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "nobody@example.org", ["__RequestVerificationToken"] = PortalSignIn.Token(form) });
        var response = await client.PostAsync(new Uri("/signin", UriKind.Relative), request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("nobody@example.org", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(PickupMailbox.Read(portal.DataDirectory));
    }

    [Fact]
    public async Task A_cluster_manager_may_not_open_the_admin_page()
    {
        await PortalSignIn.InviteAsync(portal, "cm@example.org", PortalRole.ClusterManager, "healthcapital");
        using var client = Client();
        await PortalSignIn.SignInAsync(portal, client, "cm@example.org");
        var response = await client.GetAsync(new Uri("/admin/accounts", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?denied=1", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Posting_without_an_antiforgery_token_is_refused()
    {
        using var client = Client();
        using var request = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "someone@example.org" });
        var response = await client.PostAsync(new Uri("/signin", UriKind.Relative), request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class AppServiceAuthTests : IAsyncLifetime
{
    private readonly PortalFactory portal = new(new Dictionary<string, string?> { ["Portal:Auth:Mode"] = "AppService" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task The_App_Service_principal_name_maps_to_the_account_role()
    {
        await PortalSignIn.InviteAsync(portal, "cm@example.org", PortalRole.ClusterManager, "healthcapital");
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/dashboard", UriKind.Relative))).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/dashboard");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-NAME", "CM@example.org");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        Assert.Equal("healthcapital", (string?)body!["scope"]!["cluster"]);

        using var stranger = new HttpRequestMessage(HttpMethod.Get, "/api/dashboard");
        stranger.Headers.Add("X-MS-CLIENT-PRINCIPAL-NAME", "stranger@example.org");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(stranger)).StatusCode);
    }
}
