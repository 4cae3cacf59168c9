using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using ResponsePortal.Accounts;
using ResponsePortal.Tests.Dashboard;
using ResponsePortal.Tests.Support;

namespace ResponsePortal.Tests.Admin;

/// <summary>The admin pages with the real accounts feature: cookie sign-in by e-mailed link, roles from the account store.</summary>
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
}
