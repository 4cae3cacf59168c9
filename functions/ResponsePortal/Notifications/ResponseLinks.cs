using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ResponsePortal.Hosting;
using ResponsePortal.Listings;

namespace ResponsePortal.Notifications;

/// <summary>A verified link's content.</summary>
public sealed record SignedAction(string SubjectId, string Party, string Action, long ExpiresUnix, string LinkId);

/// <summary>
/// Accept, decline, reconfirm and withdraw links in e-mails: HMAC-SHA256 over subject id, party, action and expiry with
/// a server key, so nobody can forge or alter one. Single use is recorded in the database (used_links) by
/// <see cref="SignedAction.LinkId"/>, the hash of the signature. The key derives from the management-link key
/// (ManageTokens), so there is one secret to configure or back up.
/// </summary>
public sealed class ResponseLinks(ManageTokens tokens, IOptions<PortalOptions> options, TimeProvider time)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(tokens.TokenFor("response-links/v1"));
    private readonly string _base = string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? "http://localhost:7071" : options.Value.PublicBaseUrl.TrimEnd('/');

    public static readonly TimeSpan DefaultValidity = TimeSpan.FromDays(14);

    public string Create(string subjectId, string party, string action, TimeSpan validFor)
    {
        var expires = time.GetUtcNow().Add(validFor).ToUnixTimeSeconds();
        var signature = Sign(subjectId, party, action, expires);
        return string.Create(CultureInfo.InvariantCulture,
            $"{_base}/respond/{Uri.EscapeDataString(subjectId)}?party={party}&action={action}&exp={expires}&sig={signature}");
    }

    /// <summary>Null when the signature does not match or the link has expired.</summary>
    public SignedAction? Verify(string subjectId, string? party, string? action, string? expires, string? signature)
    {
        if (party is null || action is null || signature is null
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresUnix))
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(subjectId, party, action, expiresUnix));
        var presented = Encoding.ASCII.GetBytes(signature);
        if (!CryptographicOperations.FixedTimeEquals(expected, presented) || time.GetUtcNow().ToUnixTimeSeconds() > expiresUnix)
        {
            return null;
        }

        return new SignedAction(subjectId, party, action, expiresUnix, Convert.ToHexStringLower(SHA256.HashData(presented)));
    }

    private string Sign(string subjectId, string party, string action, long expires)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"respond/v1|{subjectId}|{party}|{action}|{expires}")));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
