using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using ResponsePortal.Accounts;
using ResponsePortal.Tests.Dashboard;
using ResponsePortal.Tests.Support;

namespace ResponsePortal.Tests.Admin;

/// <summary>The admin pages with the real accounts feature: cookie sign-in by e-mailed link, roles from the account store, and their navigation.</summary>
public sealed class AdminSignInTests : PortalTest
{
    [Theory]
    [InlineData("/admin/dead-letters")]
    [InlineData("/admin/mail")]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_an_authority_is_refused_and_an_admin_sees_the_page(string path)
    {
        await PortalSignIn.InviteAsync(Portal, "admin@example.org", PortalRole.Admin);
        await PortalSignIn.InviteAsync(Portal, "authority@example.org", PortalRole.Authority);
        using var anonymous = Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var authority = Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var admin = Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var refused = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/signin", refused.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);

        await PortalSignIn.SignInAsync(Portal, authority, "authority@example.org");
        var denied = await authority.GetAsync(new Uri(path, UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.Contains("denied=1", denied.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);

        await PortalSignIn.SignInAsync(Portal, admin, "admin@example.org");
        var page = await admin.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Administration", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/accounts")]
    [InlineData("/admin/mail")]
    [InlineData("/admin/dead-letters")]
    public async Task Every_admin_page_links_the_other_two_and_marks_only_itself_as_the_current_page(string path)
    {
        await PortalSignIn.InviteAsync(Portal, "admin@example.org", PortalRole.Admin);
        using var admin = Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PortalSignIn.SignInAsync(Portal, admin, "admin@example.org");

        var page = await admin.GetStringAsync(new Uri(path, UriKind.Relative));

        var section = Regex.Match(page, "<nav class=\"section-nav\" aria-label=\"Administration\">(.*?)</nav>", RegexOptions.Singleline);
        Assert.True(section.Success, "the admin pages' own navigation is missing");
        var links = Regex.Matches(section.Groups[1].Value, "<a href=\"([^\"]+)\"( aria-current=\"([^\"]+)\")?>").Select(m => (Href: m.Groups[1].Value, Current: m.Groups[3].Value)).ToList();
        Assert.Equal(["/admin/accounts", "/admin/mail", "/admin/dead-letters"], links.Select(l => l.Href));
        Assert.Equal([path], links.Where(l => l.Current == "page").Select(l => l.Href));
        Assert.Equal(1, links.Count(l => l.Current.Length > 0));

        // The main navigation's one entry for all admin pages is the current page only on the accounts page.
        var main = Regex.Match(page, "<a href=\"/admin/accounts\"( aria-current=\"([^\"]+)\")?>Administration</a>");
        Assert.True(main.Success, "the main navigation has no Administration entry");
        Assert.Equal(path == "/admin/accounts" ? "page" : "true", main.Groups[2].Value);
    }
}
