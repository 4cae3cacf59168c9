namespace ResponsePortal.Accounts;

/// <summary>
/// The accounts port: invited accounts and their one-time sign-in links (only hashes of the links are stored).
/// SQLite in embedded mode, Cosmos DB in Azure; both pass tests/…/Accounts/AccountStoreContract.cs.
/// </summary>
public interface IAccountStore
{
    Task<Account?> FindAsync(string email, CancellationToken cancellationToken);

    /// <summary>Every account, ordered by role code, then e-mail (ordinal).</summary>
    Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Creates the account or changes its role, cluster and name (a null name keeps the old one; creation time and
    /// inviter stay those of the first invitation). Returns true when it was new.
    /// </summary>
    Task<bool> UpsertAsync(Account account, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the account and its unused sign-in links. Returns false when there was no such account. A session the person
    /// still has open ends with its next request: the cookie check finds no account (AccountsSetup).
    /// </summary>
    Task<bool> RemoveAsync(string email, CancellationToken cancellationToken);

    /// <summary>Stores a link and drops the person's older links (only the newest can sign in) and any expired ones.</summary>
    Task StoreSignInLinkAsync(string tokenHash, string email, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Marks the link used and returns its account, once; null when unknown, used before or expired.</summary>
    Task<Account?> RedeemSignInLinkAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken);
}

public static class AccountEmails
{
    /// <summary>The account key: trimmed and lower-case, so "Boss@Example.org " and "boss@example.org" are one account.</summary>
    public static string Normalise(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }
}
