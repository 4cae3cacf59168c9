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
