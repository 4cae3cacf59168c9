using System.Globalization;
using Microsoft.Data.Sqlite;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Accounts;

internal sealed class SqliteAccountStore(SqlitePortalDatabase database) : IAccountStore
{
    private const string Columns = "email, role, cluster, name, created_at, invited_by";

    public async Task<Account?> FindAsync(string email, CancellationToken cancellationToken)
    {
        var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return Find(connection, null, AccountEmails.Normalise(email));
        }
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM accounts ORDER BY role, email";
            using var reader = command.ExecuteReader();
            var accounts = new List<Account>();
            while (reader.Read())
            {
                accounts.Add(Read(reader));
            }

            return accounts;
        }
    }

    public Task<bool> UpsertAsync(Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return database.ExecuteInWriteTransactionAsync((connection, transaction) => Upsert(connection, transaction, account), cancellationToken);
    }

    /// <summary>Also used by the add-admin command, which has no host and so no DI.</summary>
    internal static bool Upsert(SqliteConnection connection, SqliteTransaction transaction, Account account)
    {
        var email = AccountEmails.Normalise(account.Email);
        var existed = Find(connection, transaction, email) is not null;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO accounts ({Columns}) VALUES ($email, $role, $cluster, $name, $created, $invitedBy)
            ON CONFLICT (email) DO UPDATE SET role = excluded.role, cluster = excluded.cluster, name = COALESCE(excluded.name, accounts.name)
            """;
        command.Parameters.AddWithValue("$email", email);
        command.Parameters.AddWithValue("$role", RoleCodes.Of(account.Role));
        command.Parameters.AddWithValue("$cluster", (object?)account.Cluster ?? DBNull.Value);
        command.Parameters.AddWithValue("$name", (object?)account.Name ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", ListingRows.SortableUtc(account.CreatedAt));
        command.Parameters.AddWithValue("$invitedBy", (object?)account.InvitedBy ?? DBNull.Value);
        command.ExecuteNonQuery();
        return !existed;
    }

    public Task<bool> RemoveAsync(string email, CancellationToken cancellationToken) =>
        database.ExecuteInWriteTransactionAsync(
            (connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "DELETE FROM sign_in_links WHERE email = $email";
                command.Parameters.AddWithValue("$email", AccountEmails.Normalise(email));
                command.ExecuteNonQuery();
                command.CommandText = "DELETE FROM accounts WHERE email = $email";
                return command.ExecuteNonQuery() == 1;
            },
            cancellationToken);

    public Task StoreSignInLinkAsync(string tokenHash, string email, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        database.ExecuteInWriteTransactionAsync(
            (connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                // Old links of the same person are dropped with the new one's issue: only the newest can sign in,
                // and the table never grows beyond one row per account.
                command.CommandText = """
                    DELETE FROM sign_in_links WHERE email = $email OR expires_at < $now;
                    INSERT INTO sign_in_links (token_hash, email, expires_at, created_at) VALUES ($hash, $email, $expires, $now);
                    """;
                command.Parameters.AddWithValue("$hash", tokenHash);
                command.Parameters.AddWithValue("$email", AccountEmails.Normalise(email));
                command.Parameters.AddWithValue("$expires", ListingRows.SortableUtc(expiresAt));
                command.Parameters.AddWithValue("$now", ListingRows.SortableUtc(DateTimeOffset.UtcNow));
                return command.ExecuteNonQuery();
            },
            cancellationToken);

    public Task<Account?> RedeemSignInLinkAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.ExecuteInWriteTransactionAsync(
            (connection, transaction) =>
            {
                // Delete-returning on the single writer: two clicks on the same link cannot both get the row.
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "SELECT email, expires_at FROM sign_in_links WHERE token_hash = $hash";
                command.Parameters.AddWithValue("$hash", tokenHash);
                string? email = null;
                string? expires = null;
                using (var reader = command.ExecuteReader())
                {
                    if (reader.Read())
                    {
                        email = reader.GetString(0);
                        expires = reader.GetString(1);
                    }
                }

                if (email is null)
                {
                    return null;
                }

                command.CommandText = "DELETE FROM sign_in_links WHERE token_hash = $hash";
                command.ExecuteNonQuery();
                return string.CompareOrdinal(expires, ListingRows.SortableUtc(now)) < 0 ? null : Find(connection, transaction, email);
            },
            cancellationToken);


    private static Account? Find(SqliteConnection connection, SqliteTransaction? transaction, string email)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM accounts WHERE email = $email";
        command.Parameters.AddWithValue("$email", email);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static Account Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        RoleCodes.Parse(reader.GetString(1)) ?? throw new InvalidDataException($"Unknown role in accounts: {reader.GetString(1)}"),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
        reader.IsDBNull(5) ? null : reader.GetString(5));
}
