using System.Collections.ObjectModel;
using Microsoft.Azure.Cosmos;

namespace ResponsePortal.Store.Cosmos;

/// <summary>
/// The containers and their partition keys, chosen for the access paths (docs/cosmos.md). infra/modules/cosmos.bicep
/// declares the same names and keys; tests/…/Azure/SettingsAgreementTests checks that they agree.
/// </summary>
public static class CosmosContainers
{
    /// <summary>
    /// Listings, partitioned by side (<c>/side</c>: "Offer" or "Request"). Every list query names a side, so it
    /// stays inside one partition (the npm emulator refuses cross-partition queries, and they cost more RUs anyway);
    /// a point read by id alone costs two 1-RU reads, one per side.
    /// </summary>
    public const string Listings = "listings";

    public const string ListingsPartitionKeyPath = "/side";

    /// <summary>
    /// Idempotency claims, partitioned by their own id (side + hash of the key): creating the claim is the
    /// exactly-once step (409 = someone claimed it first), without a transaction across partitions.
    /// </summary>
    public const string Idempotency = "idempotency";

    public const string IdempotencyPartitionKeyPath = "/id";

    /// <summary>
    /// Accounts and sign-in links, partitioned by <c>/kind</c> ("account", "link"): both sets are small, and one logical
    /// partition each makes the account list and the "drop this person's older links" query single-partition.
    /// </summary>
    public const string Accounts = "accounts";

    public const string AccountsPartitionKeyPath = "/kind";

    /// <summary>
    /// Bulk uploads, partitioned by <c>/kind</c>: status documents ("upload", a few per manager) share one partition so
    /// "my recent uploads" and "unfinished at start" are single-partition queries; each file waits in its own document
    /// ("file") until processed, so progress writes never rewrite the file.
    /// </summary>
    public const string BulkUploads = "bulkUploads";

    public const string BulkUploadsPartitionKeyPath = "/kind";

    /// <summary>
    /// Matches, all in one logical partition (<c>/pk</c> = "match"): "matches of a listing", the declined pairs and the
    /// dashboards are single-partition queries. Rematch markers use a second value ("rematch") so match queries skip them.
    /// Its change feed (MatchChanged) turns each document's events into notify and match work.
    /// </summary>
    public const string Matches = "matches";

    public const string MatchesPartitionKeyPath = "/pk";

    /// <summary>
    /// Per listing, what its matches hold (id = listing id, partitioned by <c>/side</c> like listings). Updated with
    /// If-Match: the ETag is what keeps concurrent matchers from over-allocating without a transaction.
    /// </summary>
    public const string Ledgers = "ledgers";

    public const string LedgersPartitionKeyPath = "/side";

    /// <summary>Used single-use links, one document each: create = use, 409 = used before.</summary>
    public const string Links = "links";

    public const string LinksPartitionKeyPath = "/id";

    /// <summary>Notifications begun or sent, one document per key: create = begin, 409 = begun before.</summary>
    public const string Notifications = "notifications";

    public const string NotificationsPartitionKeyPath = "/id";

    /// <summary>The change feed trigger's lease container (written by the Functions host, not by the app).</summary>
    public const string Leases = "leases";

    public const string LeasesPartitionKeyPath = "/id";

    /// <summary>Creates what is missing; for the emulator and dev accounts only (see CosmosStoreOptions.CreateIfMissing).</summary>
    public static async Task<Database> CreateIfMissingAsync(CosmosClient client, string databaseName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var database = (await client.CreateDatabaseIfNotExistsAsync(databaseName, cancellationToken: cancellationToken).ConfigureAwait(false)).Database;
        await database.CreateContainerIfNotExistsAsync(ListingsProperties(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await database.CreateContainerIfNotExistsAsync(IdempotencyProperties(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await database.CreateContainerIfNotExistsAsync(AccountsProperties(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await database.CreateContainerIfNotExistsAsync(BulkUploadsProperties(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await database.CreateContainerIfNotExistsAsync(MatchesProperties(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await database.CreateContainerIfNotExistsAsync(Unindexed(Ledgers, LedgersPartitionKeyPath), cancellationToken: cancellationToken).ConfigureAwait(false);
        await database.CreateContainerIfNotExistsAsync(Unindexed(Links, LinksPartitionKeyPath), cancellationToken: cancellationToken).ConfigureAwait(false);
        await database.CreateContainerIfNotExistsAsync(Unindexed(Notifications, NotificationsPartitionKeyPath), cancellationToken: cancellationToken).ConfigureAwait(false);
        await database.CreateContainerIfNotExistsAsync(new ContainerProperties(Leases, LeasesPartitionKeyPath), cancellationToken: cancellationToken).ConfigureAwait(false);
        return database;
    }

    /// <summary>
    /// Index only what queries filter and sort on: writes then cost fewer RUs than with the default index-everything
    /// policy (descriptions and contacts are never queried). Mirrors the SQLite columns.
    /// </summary>
    public static ContainerProperties ListingsProperties() => Indexed(Listings, ListingsPartitionKeyPath, IndexedListingPaths);

    /// <summary>Claims are only ever read by id: nothing to index.</summary>
    public static ContainerProperties IdempotencyProperties() => Unindexed(Idempotency, IdempotencyPartitionKeyPath);

    /// <summary>
    /// Matches are queried by listing (offer or request id), by state (open terms, declined pairs, dashboards) and by
    /// time (dashboards); the explanation and the events are only ever read with the document.
    /// </summary>
    public static ContainerProperties MatchesProperties() => Indexed(Matches, MatchesPartitionKeyPath, IndexedMatchPaths);

    /// <summary>Ledgers, links and notifications are only read and written by id: nothing to index.</summary>
    public static ContainerProperties Unindexed(string name, string partitionKeyPath) => Indexed(name, partitionKeyPath, []);

    /// <summary>Accounts are read by id; links are queried by e-mail and expiry when a new one is issued.</summary>
    public static ContainerProperties AccountsProperties() => Indexed(Accounts, AccountsPartitionKeyPath, IndexedAccountPaths);

    /// <summary>Uploads are listed by account and found unfinished by state; the file content is never indexed.</summary>
    public static ContainerProperties BulkUploadsProperties() => Indexed(BulkUploads, BulkUploadsPartitionKeyPath, IndexedBulkUploadPaths);

    /// <summary>
    /// The partition key path too, as listings index <c>/side</c> and matches <c>/pk</c>: every query names it in its WHERE
    /// (the emulator insists), and a filter on a path excluded from the index may be refused or scanned in Azure.
    /// <c>id</c> and <c>_ts</c> need no entry: Cosmos always indexes them under consistent indexing.
    /// </summary>
    public static ReadOnlyCollection<string> IndexedAccountPaths { get; } = new(["/kind/?", "/email/?", "/expiresAt/?"]);

    public static ReadOnlyCollection<string> IndexedBulkUploadPaths { get; } = new(["/kind/?", "/account/?", "/state/?", "/createdAt/?"]);

    /// <summary>Consistent indexing of <paramref name="paths"/> only; everything else is excluded, so writes cost fewer RUs.</summary>
    private static ContainerProperties Indexed(string name, string partitionKeyPath, IEnumerable<string> paths)
    {
        var properties = new ContainerProperties(name, partitionKeyPath)
        {
            IndexingPolicy = new IndexingPolicy { IndexingMode = IndexingMode.Consistent, Automatic = true },
        };
        foreach (var path in paths)
        {
            properties.IndexingPolicy.IncludedPaths.Add(new IncludedPath { Path = path });
        }

        properties.IndexingPolicy.ExcludedPaths.Add(new ExcludedPath { Path = "/*" });
        return properties;
    }

    public static ReadOnlyCollection<string> IndexedMatchPaths { get; } = new(
    [
        "/pk/?", "/offerId/?", "/requestId/?", "/state/?", "/createdAt/?", "/updatedAt/?",
    ]);

    public static ReadOnlyCollection<string> IndexedListingPaths { get; } = new(
    [
        "/side/?", "/status/?", "/type/?", "/category/?", "/region/?", "/sortKey/?", "/expiresAt/?", "/lat/?", "/lon/?",
    ]);
}
