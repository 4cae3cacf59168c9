namespace ResponsePortal.Web;

/// <summary>
/// <c>/language?set=de&amp;returnUrl=/offers</c>: remembers the choice in the <c>lang</c> cookie and goes back.
/// GET so the switch is a plain link (keyboard and screen reader friendly, works without JS); POST for forms.
/// The choice is a display preference, not a state change worth a CSRF token.
/// </summary>
public static class LanguageSwitch
{
    public const string Path = "/language";

    public static string Href(string language, string returnUrl) =>
        $"{Path}?set={Uri.EscapeDataString(language)}&returnUrl={Uri.EscapeDataString(returnUrl)}";

    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(Path, [HttpMethods.Get, HttpMethods.Post], Switch)
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Switch(HttpContext context)
    {
        var query = context.Request.Query;
        var language = PortalLanguage.Normalise(query["set"]);
        string? returnUrl = query["returnUrl"];
        if (context.Request.HasFormContentType)
        {
            language ??= PortalLanguage.Normalise(context.Request.Form["set"]);
            returnUrl ??= context.Request.Form["returnUrl"];
        }

        if (language is null)
        {
            return Results.BadRequest();
        }

        context.Response.Cookies.Append(PortalLanguage.CookieName, language, new CookieOptions
        {
            // A year: the person's language rarely changes; Lax so links from emails keep it.
            MaxAge = TimeSpan.FromDays(365),
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/",
        });

        // Only a local path: an open redirect would let a phishing mail borrow the portal's name.
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    /// <summary>Same rule as ASP.NET Core's Url.IsLocalUrl: "/x" but not "//host" or "/\host".</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
