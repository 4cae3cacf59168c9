using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using ResponsePortal.Catalog;
using ResponsePortal.Listings;
using ResponsePortal.Matching;

namespace ResponsePortal.Store.Sqlite;

/// <summary>
/// The store port on the embedded SQLite file. Writes go through the database's group-committing writer
/// (durable when the task completes); reads use pooled read-only connections.
/// </summary>
public sealed class SqliteListingStore : IListingStore, IAsyncDisposable, IDisposable
{
    private readonly SqlitePortalDatabase _database;
    private readonly PortalCatalog _catalog;
    private readonly bool _ownsDatabase;

    /// <summary>A store on a database that someone else (the DI container) opens and closes.</summary>
    /// <param name="catalog">Which categories can match which, for the match work of new listings (see <see cref="Create(SqliteConnection, SqliteTransaction, Listing, ListingRow, IdempotencyClaim?, MatchPartners)"/>).</param>
    public SqliteListingStore(SqlitePortalDatabase database, PortalCatalog catalog)
        : this(database, catalog, ownsDatabase: false)
    {
    }

    private SqliteListingStore(SqlitePortalDatabase database, PortalCatalog catalog, bool ownsDatabase)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _ownsDatabase = ownsDatabase;
    }

    /// <summary>Opens (and migrates) the database in <paramref name="options"/> with the portal's catalogue; disposing the store closes it.</summary>
    public static SqliteListingStore Open(PortalStorageOptions options) =>
        new(SqlitePortalDatabase.Open(options), PortalCatalog.Load(), ownsDatabase: true);

    public Task<CreateListingResult> CreateAsync(Listing listing, IdempotencyClaim? idempotency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listing);
        // Serialised and looked up here, on the request's thread: the writer thread is the one serial step of every write.
        var row = ListingRow.From(listing);
        var partners = MatchPartners.Of(listing.Side, listing.Category, _catalog);
        return _database.ExecuteInWriteTransactionAsync(
            (connection, transaction) => Create(connection, transaction, listing, row, idempotency, partners), cancellationToken);
    }

    public Task<Listing?> UpdateAsync(Listing listing, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return _database.ExecuteInWriteTransactionAsync(
            (connection, transaction) => Update(connection, transaction, listing, expectedVersion), cancellationToken);
    }

    public async Task<Listing?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return ListingRows.Find(connection, null, id);
        }
    }

    /// <summary>
    /// The open listings of both sides on ix_listings_pages (naming the sides lets SQLite use it, so withdrawn and expired
    /// listings, which pile up, are not read), checked for the date row by row: an index on <c>expires_at</c> would cost
    /// every posted listing another b-tree for an hourly query. Only the bodies of the listings it returns are parsed.
    /// </summary>
    public async Task<IReadOnlyList<Listing>> FindOpenExpiringAsync(DateOnly until, CancellationToken cancellationToken)
    {
        var found = new List<Listing>();
        var connection = await _database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = OpenExpiringSql;
            command.Parameters.AddWithValue("$open", nameof(ListingStatus.Open));
            // expires_at is yyyy-MM-dd, so comparing the text compares the dates.
            command.Parameters.AddWithValue("$until", until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add(ListingRows.Deserialize(reader.GetString(0)));
            }
        }

        return found;
    }

    /// <summary>One pooled connection and one prepared statement for the whole set.</summary>
    public async Task<IReadOnlyList<Listing>> FindManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new List<Listing>(ids.Count);
        if (ids.Count == 0)
        {
            return found;
        }

        var connection = await _database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var lookup = new ListingBodyLookup(connection, null);
            foreach (var listingId in ids)
            {
                if (lookup.Find(listingId) is { } listing)
                {
                    found.Add(listing);
                }
            }
        }

        return found;
    }

    public async Task<ListingPage> QueryAsync(ListingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);

        var connection = await _database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One read transaction: the count and the page come from the same snapshot.
            using var transaction = connection.BeginTransaction(deferred: true);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var where = BindFilter(command, query);
            command.CommandText = CountSql(where);
            var total = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;

            command.CommandText = PageSql(where);
            command.Parameters.AddWithValue("$limit", query.PageSize);
            command.Parameters.AddWithValue("$offset", (long)(query.Page - 1) * query.PageSize);
            var items = new List<Listing>(query.PageSize);
            using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    items.Add(ListingRows.Deserialize(reader.GetString(0)));
                }
            }

            return new ListingPage(items, query.Page, query.PageSize, total);
        }
    }

    public ValueTask DisposeAsync() => _ownsDatabase ? _database.DisposeAsync() : ValueTask.CompletedTask;

    public void Dispose()
    {
        if (_ownsDatabase)
        {
            _database.Dispose();
        }
    }

    /// <summary>
    /// The whole create, inside a write transaction the caller owns: a later adapter can call this and
    /// queue its own work in the same transaction, so both commit or neither does.
    /// </summary>
    internal static CreateListingResult Create(
        SqliteConnection connection, SqliteTransaction transaction, Listing listing, IdempotencyClaim? idempotency, PortalCatalog catalog) =>
        Create(connection, transaction, listing, ListingRow.From(listing), idempotency, MatchPartners.Of(listing.Side, listing.Category, catalog));

    /// <summary>The same, with the row values of <paramref name="listing"/> and the listings that could match it already computed.</summary>
    internal static CreateListingResult Create(
        SqliteConnection connection, SqliteTransaction transaction, Listing listing, ListingRow row, IdempotencyClaim? idempotency,
        MatchPartners partners)
    {
        if (idempotency is not null)
        {
            // Safe without extra locking: all writes run one after another on the single writer.
            var previous = ListingRows.FindIdempotencyKey(connection, transaction, listing.Side, idempotency.Key);
            if (previous is not null)
            {
                if (!string.Equals(previous.RequestHash, idempotency.RequestHash, StringComparison.Ordinal))
                {
                    return new CreateListingResult.KeyReused();
                }

                var original = ListingRows.Find(connection, transaction, previous.ListingId)
                    ?? throw new InvalidDataException($"Idempotency key '{idempotency.Key}' points at missing listing '{previous.ListingId}'.");
                return new CreateListingResult.Replayed(original);
            }
        }

        ListingRows.Insert(connection, transaction, row);
        if (idempotency is not null)
        {
            ListingRows.InsertIdempotencyKey(connection, transaction, listing.Side, idempotency, listing.Id);
        }

        // The embedded change feed: the listing and its match work commit together (docs/pipeline.md); a new listing's
        // only if the other side has an open listing it could match.
        WorkItemRows.InsertMatchWorkForNewListing(transaction, listing.Id, partners);

        return new CreateListingResult.Created(listing);
    }

    /// <summary>Optimistic concurrency: the stored copy gets <paramref name="expectedVersion"/> + 1, or nothing changes.</summary>
    internal static Listing? Update(SqliteConnection connection, SqliteTransaction transaction, Listing listing, long expectedVersion)
    {
        var next = listing with { Version = expectedVersion + 1 };
        if (!ListingRows.ReplaceIfVersion(connection, transaction, next, expectedVersion))
        {
            return null;
        }

        // An edit, withdrawal or expiry: the matcher re-matches it or withdraws its open proposals.
        WorkItemRows.InsertMatchWork(transaction, next.Id);
        return next;
    }

    internal const string OpenExpiringSql =
        "SELECT body FROM listings WHERE side IN ('Offer', 'Request') AND status = $open AND expires_at <= $until";

    /// <summary>The number of listings a page's filter matches; read on ix_listings_pages' entries alone.</summary>
    internal static string CountSql(string where) => $"SELECT COUNT(*) FROM listings WHERE {where}";

    /// <summary>
    /// The page's rows are chosen on ix_listings_pages alone (migration 12), and only their bodies are read: where the order
    /// needs a sort (all statuses), SQLite would otherwise carry every candidate's JSON body through the sorter.
    /// </summary>
    internal static string PageSql(string where) => $"""
        SELECT body FROM listings WHERE rowid IN (
            SELECT rowid FROM listings WHERE {where}
            ORDER BY created_at DESC, rowid DESC
            LIMIT $limit OFFSET $offset)
        ORDER BY created_at DESC, rowid DESC
        """;

    /// <summary>
    /// The WHERE clause of <paramref name="query"/>, built from fixed fragments only; every value is a parameter, bound on
    /// <paramref name="command"/>.
    /// </summary>
    internal static string BindFilter(SqliteCommand command, ListingQuery query)
    {
        var where = new StringBuilder("side = $side");
        command.Parameters.AddWithValue("$side", query.Side.ToString());
        if (query.Status is { } status)
        {
            where.Append(" AND status = $status");
            command.Parameters.AddWithValue("$status", status.ToString());
        }

        if (query.Type is { } type)
        {
            where.Append(" AND type = $type");
            command.Parameters.AddWithValue("$type", type.ToString());
        }

        if (!string.IsNullOrEmpty(query.Category))
        {
            where.Append(" AND category = $category");
            command.Parameters.AddWithValue("$category", query.Category);
        }

        if (!string.IsNullOrEmpty(query.RegionPrefix))
        {
            // A range instead of LIKE: no wildcard escaping, case-sensitive like NUTS codes, and it uses the index.
            where.Append(" AND region >= $region AND region < $region || char(1114111)");
            command.Parameters.AddWithValue("$region", query.RegionPrefix);
        }

        return where.ToString();
    }
}
