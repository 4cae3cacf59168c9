using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ResponsePortal.Hosting;
using ResponsePortal.Mail;

namespace ResponsePortal.Accounts;

/// <summary>
/// Issues and redeems one-time sign-in links (docs/decisions/0007-sign-in-by-email-link.md): 256 random bits, only
/// their SHA-256 stored, valid for <see cref="AuthOptions.LinkMinutes"/>, deleted on first use.
/// </summary>
public sealed class SignInLinks(IAccountStore accounts, IMailSender mail, TimeProvider time, IOptions<AuthOptions> auth, IOptions<PortalOptions> portal)
{
    public const string LinkPath = "/signin/link";

    /// <summary>
    /// Sends a link when an account with this e-mail exists; says nothing either way, so the form cannot be used to find
    /// out who has an account.
    /// </summary>
    public async Task RequestAsync(string email, string requestBase, string language, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(email, cancellationToken);
        if (account is null)
        {
            return;
        }

        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var hash = Hash(token);
        var expires = time.GetUtcNow().AddMinutes(auth.Value.LinkMinutes);
        await accounts.StoreSignInLinkAsync(hash, account.Email, expires, cancellationToken);

        var baseUrl = string.IsNullOrWhiteSpace(portal.Value.PublicBaseUrl) ? requestBase : portal.Value.PublicBaseUrl.TrimEnd('/');
        var link = $"{baseUrl}{LinkPath}?token={token}";
        var de = language == "de";
        var minutes = auth.Value.LinkMinutes;
        var subject = de ? "Ihr Anmeldelink für ResponsePortal" : "Your ResponsePortal sign-in link";
        var text = de
            ? $"Guten Tag,\n\nmit diesem Link melden Sie sich bei ResponsePortal an. Er gilt {minutes} Minuten und nur einmal:\n\n{link}\n\nWenn Sie keinen Link angefordert haben, ignorieren Sie diese E-Mail.\n"
            : $"Hello,\n\nuse this link to sign in to ResponsePortal. It works once, for {minutes} minutes:\n\n{link}\n\nIf you did not ask for a link, ignore this e-mail.\n";
        var html = $"<p>{WebUtility.HtmlEncode(de ? "Guten Tag," : "Hello,")}</p><p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(de ? "Bei ResponsePortal anmelden" : "Sign in to ResponsePortal")}</a></p><p>{WebUtility.HtmlEncode(de ? $"Der Link gilt {minutes} Minuten und nur einmal." : $"The link works once, for {minutes} minutes.")}</p>";
        // The key names the pickup file; the hash prefix keeps it unique per link without revealing the token.
        await mail.SendAsync(new OutgoingMail("signin-" + hash[..16], account.Email, account.Name ?? account.Email, subject, text, html, language), cancellationToken);
    }

    public Task<Account?> RedeemAsync(string? token, CancellationToken cancellationToken) =>
        token is { Length: > 20 and < 100 } ? accounts.RedeemSignInLinkAsync(Hash(token), time.GetUtcNow(), cancellationToken) : Task.FromResult<Account?>(null);

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
