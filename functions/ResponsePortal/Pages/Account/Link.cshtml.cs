using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResponsePortal.Accounts;
using ResponsePortal.Web;

namespace ResponsePortal.Pages.Account;

/// <summary>
/// /signin/link?token=…: GET only shows a button (mail scanners fetch links and must not use up the single-use token);
/// the POST redeems the token and sets the sign-in cookie.
/// </summary>
public sealed class LinkModel(SignInLinks links) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Invalid { get; private set; }

    public void OnGet() => NoStore();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        NoStore();
        var account = await links.RedeemAsync(Token, cancellationToken);
        if (account is null)
        {
            Invalid = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            PortalClaims.For(account, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        var returnUrl = Request.Cookies["rp.return"];
        Response.Cookies.Delete("rp.return");
        return LocalRedirect(LanguageSwitch.IsLocal(returnUrl) ? returnUrl! : account.Role == PortalRole.Admin ? "/admin/accounts" : "/dashboard");
    }

    /// <summary>The token is in the URL: keep it out of caches and Referer headers.</summary>
    private void NoStore()
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
