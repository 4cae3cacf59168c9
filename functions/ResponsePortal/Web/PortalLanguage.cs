using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace ResponsePortal.Web;

/// <summary>
/// The request's language, "de" or "en". The HTML pages and the API's problem details both ask here,
/// so a person who chose German sees German error messages in either.
/// Order: the <c>lang</c> cookie (set by the language switch), then the browser's Accept-Language, then English.
/// </summary>
public static class PortalLanguage
{
    public const string German = "de";
    public const string English = "en";
    public const string Default = English;
    public const string CookieName = "lang";

    /// <summary>Every language the portal speaks; anything else falls back to <see cref="Default"/>.</summary>
    public static IReadOnlyList<string> Supported { get; } = [German, English];

    private static readonly object CacheKey = new();

    public static string From(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (httpContext.Items.TryGetValue(CacheKey, out var cached) && cached is string language)
        {
            return language;
        }

        var resolved = FromCookie(httpContext.Request) ?? FromAcceptLanguage(httpContext.Request) ?? Default;
        httpContext.Items[CacheKey] = resolved;
        return resolved;
    }

    /// <summary>"de" or "en" for a supported code in any case or with a region ("de-AT"); null otherwise.</summary>
    public static string? Normalise(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var primary = code.Trim().Split('-', '_')[0].ToLowerInvariant();
        return Supported.Contains(primary) ? primary : null;
    }

    /// <summary>The culture used to format numbers and dates for people reading <paramref name="language"/>.</summary>
    public static CultureInfo Culture(string language) =>
        CultureInfo.GetCultureInfo(language == German ? "de-DE" : "en-GB");

    private static string? FromCookie(HttpRequest request) =>
        request.Cookies.TryGetValue(CookieName, out var value) ? Normalise(value) : null;

    private static string? FromAcceptLanguage(HttpRequest request)
    {
        var header = request.Headers.AcceptLanguage.ToString();
        if (string.IsNullOrWhiteSpace(header)
            || !StringWithQualityHeaderValue.TryParseList(header.Split(','), out var entries))
        {
            return null;
        }

        // The browser lists what the person reads, best first by quality; take the best one we speak.
        return entries
            .Where(entry => (entry.Quality ?? 1.0) > 0)
            .OrderByDescending(entry => entry.Quality ?? 1.0)
            .Select(entry => Normalise(entry.Value.Value))
            .FirstOrDefault(language => language is not null);
    }
}
