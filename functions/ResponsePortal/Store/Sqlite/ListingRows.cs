using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ResponsePortal.Listings;
using ResponsePortal.Matching;

namespace ResponsePortal.Store.Sqlite;

/// <summary>
/// SQL for the <c>listings</c> and <c>idempotency_keys</c> tables, on a connection and transaction the caller
/// owns, so other adapters can put these statements into the same write transaction as their own.
/// </summary>
internal static class ListingRows
{
    private const string ColumnValues =
        "$id, $side, $type, $category, $region, $status, $createdAt, $updatedAt, $version, $manageTokenHash, $expiresAt, $body, $lat, $lon, $radiusKm, " +
        "$urgency, $cluster, $quantity";

    private const string InsertSql = """
        INSERT INTO listings (id, side, type, category, region, status, created_at, updated_at, version, manage_token_hash, expires_at, body,
                              lat, lon, radius_km, urgency, cluster, quantity)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """;

    /// <summary>
    /// The prepared INSERTs per connection (in practice: the writer's). Creates run one after another on the single writer
    /// thread, so re-binding one statement is safe, and SQLite skips parsing and planning it for every listing. The
    /// entries go away with their connection.
    /// </summary>
    private static readonly ConditionalWeakTable<SqliteConnection, WriterStatement> InsertStatements = new();

    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, Listing listing) =>
        Insert(connection, transaction, ListingRow.From(listing));

    /// <summary>
    /// Inserts a row whose values were computed beforehand: callers build the <see cref="ListingRow"/> on their
    /// own thread, so the single writer thread only binds and steps.
    /// Must not run concurrently on the same connection (no SQLite connection may).
    /// </summary>
#pragma warning disable IDE0060 // The transaction is the caller's proof that one is open: these statements run inside it.
    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, ListingRow row)
#pragma warning restore IDE0060
    {
        WriterStatement.On(connection, InsertSql, InsertStatements).Run(row.Values);

        // Its counts in the cube and the daily trend are added once for the whole commit group (migration 10).
        CommitGroupRows.StageNewListing(connection, row.Count);
    }

    private const string AnyOpenSql = "SELECT 1 FROM listings WHERE side = ?1 AND status = 'Open' AND category = ?2 LIMIT 1";

    private static readonly ConditionalWeakTable<SqliteConnection, WriterStatement> AnyOpenStatements = new();

    /// <summary>
    /// Whether an open listing of <paramref name="partners"/> exists: one seek on ix_listings_reach_radius per category. Listings
    /// past their expiry date that housekeeping has not closed yet count as open, so the answer errs towards matching.
    /// </summary>
    public static bool AnyOpen(SqliteConnection connection, MatchPartners partners)
    {
        var statement = WriterStatement.On(connection, AnyOpenSql, AnyOpenStatements);
        var side = partners.Side.ToString();
        foreach (var category in partners.Categories)
        {
            if (statement.Any([side, category]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Replaces the row only if its version is still <paramref name="expectedVersion"/>; false otherwise.</summary>
    public static bool ReplaceIfVersion(SqliteConnection connection, SqliteTransaction transaction, Listing listing, long expectedVersion)
    {
        using var command = Command(connection, transaction, """
            UPDATE listings
            SET side = $side, type = $type, category = $category, region = $region, status = $status,
                created_at = $createdAt, updated_at = $updatedAt, version = $version,
                manage_token_hash = $manageTokenHash, expires_at = $expiresAt, body = $body,
                lat = $lat, lon = $lon, radius_km = $radiusKm, urgency = $urgency, cluster = $cluster, quantity = $quantity
            WHERE id = $id AND version = $expectedVersion
            """);
        BindColumns(command, listing);
        command.Parameters.AddWithValue("$expectedVersion", expectedVersion);
        return command.ExecuteNonQuery() == 1;
    }

    public static Listing? Find(SqliteConnection connection, SqliteTransaction? transaction, string id)
    {
        using var lookup = new ListingBodyLookup(connection, transaction);
        return lookup.Find(id);
    }

    public static IdempotencyRecord? FindIdempotencyKey(SqliteConnection connection, SqliteTransaction transaction, ListingSide side, string key)
    {
        using var command = Command(connection, transaction,
            "SELECT request_hash, listing_id FROM idempotency_keys WHERE side = $side AND key = $key");
        command.Parameters.AddWithValue("$side", side.ToString());
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new IdempotencyRecord(reader.GetString(0), reader.GetString(1)) : null;
    }

    public static void InsertIdempotencyKey(
        SqliteConnection connection, SqliteTransaction transaction, ListingSide side, IdempotencyClaim claim, string listingId)
    {
        using var command = Command(connection, transaction, """
            INSERT INTO idempotency_keys (side, key, request_hash, listing_id, created_at)
            VALUES ($side, $key, $requestHash, $listingId, $createdAt)
            """);
        command.Parameters.AddWithValue("$side", side.ToString());
        command.Parameters.AddWithValue("$key", claim.Key);
        command.Parameters.AddWithValue("$requestHash", claim.RequestHash);
        command.Parameters.AddWithValue("$listingId", listingId);
        command.Parameters.AddWithValue("$createdAt", SortableUtc(DateTimeOffset.UtcNow));
        command.ExecuteNonQuery();
    }

    public static Listing Deserialize(string body) =>
        JsonSerializer.Deserialize(body, ListingJsonContext.Default.Listing)
        ?? throw new InvalidDataException("A stored listing body is the JSON null.");

    /// <summary>UTC with seven fraction digits, always the same width, so comparing the text compares the instants.</summary>
    /// <remarks>The round-trip format of a UTC DateTime is exactly that, and formats without parsing a pattern.</remarks>
    public static string SortableUtc(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static void BindColumns(SqliteCommand command, Listing listing)
    {
        foreach (var name in ColumnValues.Split(", "))
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        ListingRow.From(listing).SetValues(command.Parameters);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}

internal sealed record IdempotencyRecord(string RequestHash, string ListingId);

/// <summary>
/// Listings read by id on one connection. For many in a row, keep one lookup: the statement is prepared once and only
/// its parameter changes.
/// </summary>
internal sealed class ListingBodyLookup : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter _id;

    public ListingBodyLookup(SqliteConnection connection, SqliteTransaction? transaction)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = "SELECT body FROM listings WHERE id = $id";
        _id = _command.Parameters.Add("$id", SqliteType.Text);
    }

    /// <summary>The listing, or null when there is none with this id.</summary>
    public Listing? Find(string id)
    {
        _id.Value = id;
        return _command.ExecuteScalar() is string body ? ListingRows.Deserialize(body) : null;
    }

    public void Dispose() => _command.Dispose();
}

/// <summary>
/// The column values of one <c>listings</c> row, body JSON included. Computing them is the costly part of a write
/// (serialising the listing, encoding text as UTF-8), so the store does it on the request's thread before queueing the write.
/// </summary>
internal sealed class ListingRow
{
    private readonly object?[] _values;

    private ListingRow(object?[] values, NewListingCount count)
    {
        _values = values;
        Count = count;
    }

    /// <summary>In the order of the parameters in <c>ListingRows.ColumnValues</c>; text as UTF-8.</summary>
    public ReadOnlySpan<object?> Values => _values;

    /// <summary>What the listing adds to the dashboard's aggregates when it is new.</summary>
    public NewListingCount Count { get; }

    public static ListingRow From(Listing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var createdAt = ListingRows.SortableUtc(listing.CreatedAt);
        // The dashboard's dimensions (migration 13): enum names, '' for none (offers have no urgency).
        var urgency = listing.Urgency?.ToString() ?? "";
        var cluster = listing.Organisation.Cluster ?? "";
        return new ListingRow(
            [
                Utf8(listing.Id), Utf8(listing.Side.ToString()), Utf8(listing.Type.ToString()), Utf8(listing.Category),
                Utf8(listing.Region), Utf8(listing.Status.ToString()), Utf8(createdAt),
                Utf8(ListingRows.SortableUtc(listing.UpdatedAt)),
                listing.Version,
                Utf8(listing.ManageTokenHash),
                Utf8(listing.ExpiresAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                JsonSerializer.SerializeToUtf8Bytes(listing, ListingJsonContext.Default.Listing),
                // Plain columns since migration 10 (they were json_extract()s of the body, run three times per insert).
                listing.Lat,
                listing.Lon,
                listing.RadiusKm is { } radius ? (long)radius : null,
                Utf8(urgency),
                Utf8(cluster),
                listing.Quantity,
            ],
            new NewListingCount(listing.Side.ToString(), listing.Type.ToString(), listing.Category, listing.Region, urgency, cluster,
                listing.Status.ToString(), listing.Quantity, createdAt[..10]));
    }

    /// <summary>Sets the values of the first parameters (the columns, created in <c>ColumnValues</c> order), text as text.</summary>
    public void SetValues(SqliteParameterCollection parameters)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            parameters[i].Value = _values[i] switch
            {
                byte[] utf8 => Encoding.UTF8.GetString(utf8),
                null => DBNull.Value,
                var value => value,
            };
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
