using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ResponsePortal.Accounts;

/// <summary>
/// Portal:Auth:Mode = AppService: Azure App Service authentication has signed the person in and forwards
/// X-MS-CLIENT-PRINCIPAL-NAME (the e-mail or UPN). The role still comes from the portal's own accounts table, so an
/// identity provider account without an invitation sees nothing. Only safe behind App Service, which strips these
/// headers from incoming requests; never enable it on a host reachable directly.
/// </summary>
public sealed class AppServiceAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IAccountStore accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AppService";
    public const string PrincipalNameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var name = Request.Headers[PrincipalNameHeader].ToString();
        if (string.IsNullOrWhiteSpace(name))
        {
            return AuthenticateResult.NoResult();
        }

        var account = await accounts.FindAsync(name, Context.RequestAborted);
        return account is null
            ? AuthenticateResult.Fail("No portal account for this App Service principal.")
            : AuthenticateResult.Success(new AuthenticationTicket(PortalClaims.For(account, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // Pages go to App Service's own login; the API answers 401 like in embedded mode.
        if (AccountsSetup.IsApi(Request))
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        else
        {
            Response.Redirect("/.auth/login/aad?post_login_redirect_uri=" + Uri.EscapeDataString(Request.Path + Request.QueryString));
        }

        return Task.CompletedTask;
    }
}
