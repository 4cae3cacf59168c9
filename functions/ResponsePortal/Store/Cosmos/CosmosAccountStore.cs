using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;
using ResponsePortal.Accounts;

namespace ResponsePortal.Store.Cosmos;

/// <param name="Id">The e-mail, escaped: Cosmos ids may not hold '/', '\', '?' or '#', which an e-mail's local part may.</param>
internal sealed record AccountDocument(
    string Id, string Kind, string Email, string Role, string? Cluster, string? Name, DateTimeOffset CreatedAt, string? InvitedBy);

/// <param name="Id">The SHA-256 of the link's token (hex), never the token itself.</param>
/// <param name="ExpiresAt">Sortable UTC text, so a query can compare it with "now".</param>
internal sealed record SignInLinkDocument(string Id, string Kind, string Email, string ExpiresAt, string CreatedAt);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AccountDocument))]
[JsonSerializable(typeof(SignInLinkDocument))]
internal sealed partial class AccountJsonContext : JsonSerializerContext;

/// <summary>
/// The accounts port on Cosmos DB: one container partitioned by <c>/kind</c>, accounts in the partition "account" and
/// sign-in links in "link". Both are small sets (hundreds of accounts, one link per person at most), so one logical
/// partition each keeps every query single-partition, which the emulator requires and Azure charges least for.
/// Single use of a link rests on a delete with If-Match: of two clicks, one deletes and the other gets 412 or 404.
/// </summary>
public sealed partial class CosmosAccountStore(Container container) : IAccountStore
{
    public const string AccountKind = "account";
    public const string LinkKind = "link";

    /// <summary>Enough for any realistic contention on one account (an admin editing while a configured admin is upserted).</summary>
    private const int MaxAttempts = 10;

    public static CosmosAccountStore ForDatabase(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new CosmosAccountStore(database.GetContainer(CosmosContainers.Accounts));
    }

    public async Task<Account?> FindAsync(string email, CancellationToken cancellationToken)
    {
        var stored = await CosmosItems.ReadAsync(container, AccountId(AccountEmails.Normalise(email)), AccountKind, AccountJsonContext.Default.AccountDocument, cancellationToken)
            .ConfigureAwait(false);
        return stored is null ? null : ToAccount(stored.Document);
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken)
    {
        // The kind is the partition key: named in the query, as the emulator insists. Sorted here: ORDER BY on two fields needs a composite index in Azure, and the set is small.
        var documents = await CosmosItems.QueryListAsync(
            container, new QueryDefinition("SELECT * FROM c WHERE c.kind = @kind").WithParameter("@kind", AccountKind), AccountKind, AccountJsonContext.Default.AccountDocument, cancellationToken).ConfigureAwait(false);
        return [.. documents.Select(ToAccount)
            .OrderBy(a => RoleCodes.Of(a.Role), StringComparer.Ordinal)
            .ThenBy(a => a.Email, StringComparer.Ordinal)];
    }

    /// <summary>Read, then create (409: someone else created it, read again) or replace with If-Match (412: read again).</summary>
    public async Task<bool> UpsertAsync(Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var email = AccountEmails.Normalise(account.Email);
        var id = AccountId(email);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await CosmosItems.ReadAsync(container, id, AccountKind, AccountJsonContext.Default.AccountDocument, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                var created = new AccountDocument(id, AccountKind, email, RoleCodes.Of(account.Role), account.Cluster, account.Name, account.CreatedAt, account.InvitedBy);
                if (await CosmosItems.TryCreateAsync(container, created, AccountKind, AccountJsonContext.Default.AccountDocument, cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }

                continue;
            }

            var changed = current.Document with { Role = RoleCodes.Of(account.Role), Cluster = account.Cluster, Name = account.Name ?? current.Document.Name };
            if (await CosmosItems.TryReplaceAsync(container, id, changed, AccountKind, current.ETag, AccountJsonContext.Default.AccountDocument, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        throw new InvalidOperationException($"The account {email} kept changing while it was being saved; try again.");
    }

    /// <remarks>
    /// The account goes first: once it is gone, a link of the person signs nobody in (a redeemed link reads the account), so
    /// links left behind by a failure between the deletes are harmless, and the next link issued for the address drops them.
    /// </remarks>
    public async Task<bool> RemoveAsync(string email, CancellationToken cancellationToken)
    {
        var normalised = AccountEmails.Normalise(email);
        var removed = await CosmosItems.TryDeleteAsync(container, AccountId(normalised), AccountKind, etag: null, cancellationToken).ConfigureAwait(false);
        var links = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.kind = @kind AND c.email = @email")
            .WithParameter("@kind", LinkKind).WithParameter("@email", normalised);
        await foreach (var id in CosmosItems.QueryAsync(container, links, LinkKind, cancellationToken).ConfigureAwait(false))
        {
            await CosmosItems.TryDeleteAsync(container, id.GetString()!, LinkKind, etag: null, cancellationToken).ConfigureAwait(false);
        }

        return removed;
    }

    /// <remarks>
    /// The new link is stored before the old ones are dropped (no transaction spans documents here): in between, an older
    /// link still works for a moment, as it did before the request; never is there no link at all.
    /// </remarks>
    public async Task StoreSignInLinkAsync(string tokenHash, string email, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenHash);
        var normalised = AccountEmails.Normalise(email);
        var now = Sortable(DateTimeOffset.UtcNow);
        var link = new SignInLinkDocument(tokenHash, LinkKind, normalised, Sortable(expiresAt), now);
        if (!await CosmosItems.TryCreateAsync(container, link, LinkKind, AccountJsonContext.Default.SignInLinkDocument, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("A sign-in link with this token hash exists already.");
        }

        var stale = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.kind = @kind AND c.id != @id AND (c.email = @email OR c.expiresAt < @now)")
            .WithParameter("@kind", LinkKind)
            .WithParameter("@id", tokenHash).WithParameter("@email", normalised).WithParameter("@now", now);
        await foreach (var id in CosmosItems.QueryAsync(container, stale, LinkKind, cancellationToken).ConfigureAwait(false))
        {
            await CosmosItems.TryDeleteAsync(container, id.GetString()!, LinkKind, etag: null, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<Account?> RedeemSignInLinkAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!CosmosDocuments.IsValidId(tokenHash))
        {
            return null;
        }

        var link = await CosmosItems.ReadAsync(container, tokenHash, LinkKind, AccountJsonContext.Default.SignInLinkDocument, cancellationToken).ConfigureAwait(false);
        // The delete is the "use": only one of several concurrent redeemers gets it done.
        if (link is null || !await CosmosItems.TryDeleteAsync(container, tokenHash, LinkKind, link.ETag, CancellationToken.None).ConfigureAwait(false))
        {
            return null;
        }

        return string.CompareOrdinal(link.Document.ExpiresAt, Sortable(now)) < 0 ? null : await FindAsync(link.Document.Email, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The e-mail itself when it is plain (letters, digits, <c>@ . _ + -</c>, at most 255 characters): readable in the
    /// portal's data explorer. Otherwise "h-" + its SHA-256, because Cosmos ids may not hold '/', '\', '?' or '#' and '%'
    /// is decoded differently along the way (the emulator decodes it, the service does not). A hash has no '@', an e-mail
    /// always has one, so the two forms cannot collide.
    /// </summary>
    internal static string AccountId(string normalisedEmail) =>
        PlainEmail().IsMatch(normalisedEmail)
            ? normalisedEmail
            : "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalisedEmail)));

    [GeneratedRegex("^[a-z0-9@._+-]{1,255}$")]
    private static partial Regex PlainEmail();

    private static Account ToAccount(AccountDocument d) => new(
        d.Email, RoleCodes.Parse(d.Role) ?? throw new InvalidDataException($"Unknown role in accounts: {d.Role}"), d.Cluster, d.Name, d.CreatedAt, d.InvitedBy);

    private static string Sortable(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
