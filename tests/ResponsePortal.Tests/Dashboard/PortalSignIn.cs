using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ResponsePortal.Accounts;
using ResponsePortal.Tests.Pipeline;
using ResponsePortal.Tests.Support;

namespace ResponsePortal.Tests.Dashboard;

/// <summary>Invites accounts directly in the store and signs in over HTTP the way a person does: form, e-mail, link, button.</summary>
public static partial class PortalSignIn
{
    public static Task InviteAsync(PortalFactory portal, string email, PortalRole role, string? cluster = null) =>
        portal.Services.GetRequiredService<IAccountStore>().UpsertAsync(new Account(email, role, cluster, null, DateTimeOffset.UtcNow, "test"), CancellationToken.None);

    public static string Token(string html) => AntiforgeryToken().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("No antiforgery token in the page.");

    /// <summary>Asks for a link, reads it from the pickup folder, confirms it; the client then carries the sign-in cookie.</summary>
    public static async Task<string> SignInAsync(PortalFactory portal, HttpClient client, string email)
    {
        var form = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));
        using var request = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = email, ["__RequestVerificationToken"] = Token(form) });
        var sent = await client.PostAsync(new Uri("/signin", UriKind.Relative), request);
        sent.EnsureSuccessStatusCode();
        var link = await LinkFor(portal, email);
        var confirm = await client.GetStringAsync(link);
        var token = new Uri(link).Query.Split("token=")[1];
        using var post = new FormUrlEncodedContent(new Dictionary<string, string> { ["Token"] = token, ["__RequestVerificationToken"] = Token(confirm) });
        var signedIn = await client.PostAsync(new Uri("/signin/link", UriKind.Relative), post);
        if (signedIn.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.OK))
        {
            throw new InvalidOperationException($"Sign-in failed: {signedIn.StatusCode}");
        }

        return link;
    }

    /// <summary>The newest sign-in mail to <paramref name="email"/> (file names are hashes, so order by write time).</summary>
    public static async Task<string> LinkFor(PortalFactory portal, string email)
    {
        await PickupMailbox.WaitForAsync(portal.DataDirectory, all => all.Any(m => m.Key.StartsWith("signin-", StringComparison.Ordinal) && m.To.Contains(email, StringComparison.OrdinalIgnoreCase)));
        var mail = new DirectoryInfo(PickupMailbox.FolderOf(portal.DataDirectory)).GetFiles("signin-*.eml")
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .Select(f => PickupMailbox.Parse(f.FullName))
            .First(m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase));
        return SignInLink().Match(mail.Text).Value is { Length: > 0 } link ? link : throw new InvalidOperationException("No link in " + mail.Text);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex(@"https?://\S+/signin/link\?token=[A-Za-z0-9_-]+")]
    private static partial Regex SignInLink();
}
