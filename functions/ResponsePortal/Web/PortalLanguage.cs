namespace ResponsePortal.Web;

/// <summary>The request's language, "de" or "en": the lang cookie first, then Accept-Language, else English.</summary>
public static class PortalLanguage
{
    public const string CookieName = "lang";

    public static string From(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Cookies.TryGetValue(CookieName, out var chosen) && chosen is "de" or "en")
        {
            return chosen;
        }

        var accepted = http.Request.GetTypedHeaders().AcceptLanguage;
        foreach (var language in accepted.OrderByDescending(l => l.Quality ?? 1))
        {
            var tag = language.Value.Value ?? "";
            if (tag.StartsWith("de", StringComparison.OrdinalIgnoreCase))
            {
                return "de";
            }

            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return "en";
            }
        }

        return "en";
    }
}
