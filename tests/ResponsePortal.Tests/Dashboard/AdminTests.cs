using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ResponsePortal.Accounts;
using ResponsePortal.Store.Sqlite;
using ResponsePortal.Tests.Support;

namespace ResponsePortal.Tests.Dashboard;

public sealed class AdminTests : IAsyncLifetime
{
    private readonly PortalFactory portal = new(new Dictionary<string, string?> { ["Portal:Admins:0"] = "Admin@Example.org" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task The_configured_admin_invites_a_cluster_manager_who_then_signs_in()
    {
        using var admin = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PortalSignIn.SignInAsync(portal, admin, "admin@example.org");
        var page = await admin.GetStringAsync(new Uri("/admin/accounts", UriKind.Relative));

        // A cluster manager without a cluster is refused with a message.
        using (var missing = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "cm@example.org", ["Role"] = "cluster-manager", ["Cluster"] = "", ["__RequestVerificationToken"] = PortalSignIn.Token(page),
        }))
        {
            var refused = await admin.PostAsync(new Uri("/admin/accounts", UriKind.Relative), missing);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Cluster managers need a cluster.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var invite = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "cm@example.org", ["Name"] = "Clara Manager", ["Role"] = "cluster-manager", ["Cluster"] = "healthcapital",
            ["__RequestVerificationToken"] = PortalSignIn.Token(page),
        });
        var invited = await admin.PostAsync(new Uri("/admin/accounts", UriKind.Relative), invite);
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);

        // The invitation is the sign-in link.
        using var manager = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var link = await PortalSignIn.LinkFor(portal, "cm@example.org");
        var confirm = await manager.GetStringAsync(link);
        using var post = new FormUrlEncodedContent(new Dictionary<string, string> { ["Token"] = new Uri(link).Query.Split("token=")[1], ["__RequestVerificationToken"] = PortalSignIn.Token(confirm) });
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync(new Uri("/signin/link", UriKind.Relative), post)).StatusCode);
        var body = (await manager.GetFromJsonAsync<JsonObject>(new Uri("/api/dashboard", UriKind.Relative)))!;
        Assert.Equal("cluster-manager", (string?)body["scope"]!["role"]);
        Assert.Equal("healthcapital", (string?)body["scope"]!["cluster"]);

        // Changing the role takes effect on the next request, not when the cookie runs out.
        await portal.Services.GetRequiredService<IAccountStore>().UpsertAsync(new Account("cm@example.org", PortalRole.Authority, null, null, DateTimeOffset.UtcNow, "test"), CancellationToken.None);
        Assert.Equal(HttpStatusCode.Unauthorized, (await manager.GetAsync(new Uri("/api/dashboard", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_admin_removes_an_authority_whose_open_session_ends_with_its_next_request()
    {
        var store = portal.Services.GetRequiredService<IAccountStore>();
        using var authority = await SignedIn("authority@example.org", PortalRole.Authority);
        Assert.Equal(HttpStatusCode.OK, (await authority.GetAsync(new Uri("/api/dashboard", UriKind.Relative))).StatusCode);

        using var admin = await SignedIn("admin@example.org");
        var page = await admin.GetStringAsync(new Uri("/admin/accounts", UriKind.Relative));
        Assert.Contains("Remove access<span class=\"visually-hidden\"> authority@example.org</span>", page, StringComparison.Ordinal);

        var removed = await PostRemove(admin, page, "authority@example.org");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var after = await admin.GetStringAsync(removed.Headers.Location);
        Assert.Contains("authority@example.org no longer has access.", after, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>authority@example.org</td>", after, StringComparison.Ordinal);
        Assert.Null(await store.FindAsync("authority@example.org", CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, (await authority.GetAsync(new Uri("/api/dashboard", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_remove_their_own_access_nor_a_configured_admin()
    {
        var store = portal.Services.GetRequiredService<IAccountStore>();
        using var second = await SignedIn("second@example.org", PortalRole.Admin);
        var page = await second.GetStringAsync(new Uri("/admin/accounts", UriKind.Relative));

        // Their own row has no button; a forged request is refused with a message, and nothing changes.
        Assert.DoesNotContain("Remove access<span class=\"visually-hidden\"> second@example.org</span>", page, StringComparison.Ordinal);
        var self = await PostRemove(second, page, "Second@Example.org");
        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        Assert.Contains("You cannot remove your own access; another admin can.", await self.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var configured = await PostRemove(second, page, "admin@example.org");
        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);
        Assert.Contains("admin@example.org is an admin from the configuration (Portal:Admins)", await configured.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(["admin@example.org", "second@example.org"], (await store.ListAsync(CancellationToken.None)).Select(a => a.Email));
    }

    [Fact]
    public async Task Only_admins_can_remove_access()
    {
        var store = portal.Services.GetRequiredService<IAccountStore>();
        await store.UpsertAsync(new Account("other@example.org", PortalRole.Authority, null, null, DateTimeOffset.UtcNow, "test"), CancellationToken.None);
        using var authority = await SignedIn("authority@example.org", PortalRole.Authority);
        var dashboard = await authority.GetStringAsync(new Uri("/dashboard", UriKind.Relative));

        var refused = await PostRemove(authority, dashboard, "other@example.org");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/signin?denied=1", refused.Headers.Location?.OriginalString);
        Assert.NotNull(await store.FindAsync("other@example.org", CancellationToken.None));
    }

    /// <summary>A client signed in as <paramref name="email"/>; with a role, the account is created first.</summary>
    private async Task<HttpClient> SignedIn(string email, PortalRole? role = null)
    {
        if (role is { } newRole)
        {
            await portal.Services.GetRequiredService<IAccountStore>().UpsertAsync(new Account(email, newRole, null, null, DateTimeOffset.UtcNow, "test"), CancellationToken.None);
        }

        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PortalSignIn.SignInAsync(portal, client, email);
        return client;
    }

    private static async Task<HttpResponseMessage> PostRemove(HttpClient client, string pageWithToken, string account)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["account"] = account, ["__RequestVerificationToken"] = PortalSignIn.Token(pageWithToken),
        });
        return await client.PostAsync(new Uri("/admin/accounts?handler=Remove", UriKind.Relative), form);
    }
}

public sealed class AddAdminCommandTests
{
    [Fact]
    public async Task The_command_creates_an_admin_in_the_configured_data_directory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "rp-admin-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            Assert.Equal(0, AddAdminCommand.Run(["add-admin", "Boss@Example.org", $"--Portal:DataDirectory={directory}"], output, error));
            Assert.Contains("Added admin boss@example.org", output.ToString(), StringComparison.Ordinal);
            Assert.Equal(2, AddAdminCommand.Run(["add-admin", "not-an-address"], output, error));

            await using var database = SqlitePortalDatabase.Open(new PortalStorageOptions { DataDirectory = directory });
            var store = new SqliteAccountStore(database);
            var account = await store.FindAsync("boss@example.org", CancellationToken.None);
            Assert.Equal(PortalRole.Admin, account?.Role);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
