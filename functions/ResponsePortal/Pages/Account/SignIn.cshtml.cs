using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ResponsePortal.Accounts;
using ResponsePortal.Web;

namespace ResponsePortal.Pages.Account;

/// <summary>/signin: asks for an e-mail address and mails a one-time link. The answer is the same whether or not an account exists.</summary>
public sealed class SignInModel(SignInLinks links, IOptions<AuthOptions> auth) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public bool Denied { get; private set; }

    public bool Required { get; private set; }

    public bool Invalid { get; private set; }

    public int LinkMinutes => auth.Value.LinkMinutes;

    public void OnGet(string? denied)
    {
        Denied = denied == "1";
        Required = !Denied && !string.IsNullOrEmpty(ReturnUrl);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!AddAdminCommand.IsEmail(Email?.Trim()))
        {
            Invalid = true;
            return Page();
        }

        Email = Email!.Trim();
        var requestBase = $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
        await links.RequestAsync(Email, requestBase, PortalLanguage.From(HttpContext), cancellationToken);
        // The link itself carries no return address; remember it for the moment the person comes back.
        if (LanguageSwitch.IsLocal(ReturnUrl))
        {
            Response.Cookies.Append("rp.return", ReturnUrl!, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, MaxAge = TimeSpan.FromMinutes(LinkMinutes) });
        }

        Sent = true;
        return Page();
    }
}
