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

    private const string TokenPrefix = "manage/v1/";

    public string TokenFor(string listingId)
    {
        ArgumentNullException.ThrowIfNull(listingId);
        // Ids are 18 ASCII characters; the stack buffer covers anything reasonable, the pool the rest.
        var length = Encoding.UTF8.GetMaxByteCount(TokenPrefix.Length + listingId.Length);
        byte[]? rented = null;
        Span<byte> message = length <= 256 ? stackalloc byte[256] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(TokenPrefix, message);
            written += Encoding.UTF8.GetBytes(listingId, message[written..]);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            var hmac = Hmac();
            hmac.AppendData(message[..written]);
            hmac.GetHashAndReset(mac);
            return Base64Url(mac);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // One keyed HMAC per thread, reused: HMACSHA256.HashData sets up and tears down an OpenSSL context with the key on every
    // call, about twice the cost of the hash itself, and every posted listing needs one. Keyed by owner, because tests run
    // several portals (with different keys) on the same threads.
    [ThreadStatic]
    private static (ManageTokens Owner, IncrementalHash Hmac)? t_hmac;

    private IncrementalHash Hmac()
    {
        if (t_hmac is { } cached && ReferenceEquals(cached.Owner, this))
        {
            return cached.Hmac;
        }

        t_hmac?.Hmac.Dispose();
        var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        t_hmac = (this, hmac);
        return hmac;
    }

    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), digest);
        return Convert.ToHexStringLower(digest);
    }

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

    /// <summary>Unpadded base64url, the same text as base64 with '=' trimmed and '+' '/' replaced, in one step.</summary>
    private static string Base64Url(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
