using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ResponsePortal.Hosting;

namespace ResponsePortal.Listings;

/// <summary>
/// Management links carry a secret token. The database keeps only its SHA-256, so a copy of the database
/// opens no listing. The token is derived from a server key and the listing id (HMAC) rather than drawn at
/// random, so an idempotent retry of a POST can hand out the same link again without storing it.
/// See docs/decisions/0004-manage-links.md.
/// </summary>
public sealed class ManageTokens
{
    private const string KeyFileName = "manage-link.key";
    private readonly byte[] _key;

    public ManageTokens(IOptions<PortalOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = LoadKey(options.Value);
    }

    public string TokenFor(string listingId)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("manage/v1/" + listingId));
        return Base64Url(mac);
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Constant-time check of a presented token against the stored hash.</summary>
    public static bool Matches(string? token, string storedHash)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 128)
        {
            return false;
        }

        var presented = Encoding.ASCII.GetBytes(Hash(token));
        var stored = Encoding.ASCII.GetBytes(storedHash);
        return CryptographicOperations.FixedTimeEquals(presented, stored);
    }

    private static byte[] LoadKey(PortalOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ManageLinkSecret))
        {
            var configured = Convert.FromBase64String(options.ManageLinkSecret);
            return configured.Length >= 32
                ? configured
                : throw new InvalidOperationException("Portal:ManageLinkSecret must be base64 of at least 32 bytes.");
        }

        var directory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, KeyFileName);
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        var key = RandomNumberGenerator.GetBytes(32);
        // Write then rename, so a crash never leaves a half-written key that would break every link.
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process won the race: use its key.
            File.Delete(temporary);
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        return key;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
