using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using ResponsePortal.Listings;

namespace ResponsePortal.Store.Cosmos;

/// <summary>
/// The store port on Cosmos DB (NoSQL API). Listings live in one container partitioned by side; idempotency claims
/// in another, partitioned by claim id (docs/cosmos.md has the reasoning and the RU cost per operation).
/// Works with the real service and with the npm emulator, which lacks cross-partition queries, OFFSET/LIMIT and
/// transactional batch: the design needs none of them.
/// </summary>
public sealed class CosmosListingStore : IListingStore
{
    private static readonly ListingSide[] Sides = Enum.GetValues<ListingSide>();

    private readonly Container _listings;
    private readonly Container _idempotency;

    public CosmosListingStore(Container listings, Container idempotency)
    {
        _listings = listings ?? throw new ArgumentNullException(nameof(listings));
        _idempotency = idempotency ?? throw new ArgumentNullException(nameof(idempotency));
    }

    public static CosmosListingStore ForDatabase(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new CosmosListingStore(database.GetContainer(CosmosContainers.Listings), database.GetContainer(CosmosContainers.Idempotency));
    }

    /// <remarks>
    /// Cancellation counts only before the first write, as in the SQLite adapter: once a write was sent it is
    /// finished and reported, so a caller never hears "cancelled" for something that was stored.
    /// </remarks>
    public async Task<CreateListingResult> CreateAsync(Listing listing, IdempotencyClaim? idempotency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listing);
        cancellationToken.ThrowIfCancellationRequested();
        if (idempotency is null)
        {
            using var content = CosmosDocuments.ListingDocument(listing);
            using var response = await _listings.CreateItemStreamAsync(
                content, new PartitionKey(CosmosDocuments.PartitionKeyOf(listing.Side)), NoContent, CancellationToken.None).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            return new CreateListingResult.Created(listing);
        }

        // The claim is the exactly-once step: of many concurrent creates with one key, one creates the claim and the
        // others get 409. The claim holds the listing, so whoever comes second can finish a half-done first attempt.
        var claim = new IdempotencyDocument(
            CosmosDocuments.ClaimId(listing.Side, idempotency.Key), listing.Side, idempotency.Key, idempotency.RequestHash, listing);
        using (var claimContent = CosmosDocuments.ClaimDocument(claim))
        using (var claimed = await _idempotency.CreateItemStreamAsync(
            claimContent, new PartitionKey(claim.Id), NoContent, CancellationToken.None).ConfigureAwait(false))
        {
            if (claimed.StatusCode != HttpStatusCode.Conflict)
            {
                claimed.EnsureSuccessStatusCode();
                await EnsureListingAsync(listing, readFirst: false).ConfigureAwait(false);
                return new CreateListingResult.Created(listing);
            }
        }

        var previous = await ReadClaimAsync(claim.Id).ConfigureAwait(false);
        if (!string.Equals(previous.RequestHash, idempotency.RequestHash, StringComparison.Ordinal))
        {
            return new CreateListingResult.KeyReused();
        }

        return new CreateListingResult.Replayed(await EnsureListingAsync(previous.Listing, readFirst: true).ConfigureAwait(false));
    }

    /// <summary>Two point reads (1 RU each), one per side partition, in parallel: the id alone does not say which.</summary>
    public async Task<Listing?> FindAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!CosmosDocuments.IsValidId(id))
        {
            return null;
        }

        var reads = Sides.Select(side => ReadListingAsync(id, side, cancellationToken)).ToList();
        var found = await Task.WhenAll(reads).ConfigureAwait(false);
        return found.FirstOrDefault(l => l is not null)?.Listing;
    }

    public async Task<ListingPage> QueryAsync(ListingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);

        var partition = new PartitionKey(CosmosDocuments.PartitionKeyOf(query.Side));
        var (where, parameters) = Filter(query);

        // Two queries, so the total and the page may differ by a concurrent write; a list page tolerates that.
        var count = QueryAsync(Bind($"SELECT VALUE COUNT(1) FROM c WHERE {where}", parameters), partition, cancellationToken);

        // TOP instead of OFFSET/LIMIT (absent from the emulator); both cost RUs for the skipped rows, so deep pages
        // are as expensive either way. The count is an int from the query object, never client text.
        var skip = (long)(query.Page - 1) * query.PageSize;
        var top = skip + query.PageSize;
        var pageQuery = Bind(
            string.Create(CultureInfo.InvariantCulture, $"SELECT TOP {top} * FROM c WHERE {where} ORDER BY c.sortKey DESC"), parameters);
        var rows = QueryAsync(pageQuery, partition, cancellationToken);

        var total = (await count.ConfigureAwait(false)).Sum(e => e.GetInt64());
        var items = (await rows.ConfigureAwait(false)).Skip((int)Math.Min(skip, int.MaxValue)).Select(CosmosDocuments.ReadListing).ToList();
        return new ListingPage(items, query.Page, query.PageSize, total);
    }

    /// <summary>
    /// One query per side's partition, which also names the side (as <see cref="QueryAsync(ListingQuery, CancellationToken)"/>
    /// does: the partition alone did not keep the emulator to it). The date compares as text (expiresAt is yyyy-MM-dd).
    /// </summary>
    public async Task<IReadOnlyList<Listing>> FindOpenExpiringAsync(DateOnly until, CancellationToken cancellationToken)
    {
        var found = new List<Listing>();
        foreach (var side in new[] { ListingSide.Offer, ListingSide.Request })
        {
            var query = Bind("SELECT * FROM c WHERE c.side = @side AND c.status = @status AND c.expiresAt <= @until",
                [("@side", side.ToString()), ("@status", nameof(ListingStatus.Open)), ("@until", until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))]);
            var documents = await QueryAsync(query, new PartitionKey(CosmosDocuments.PartitionKeyOf(side)), cancellationToken).ConfigureAwait(false);
            found.AddRange(documents.Select(CosmosDocuments.ReadListing));
        }

        return found;
    }

    /// <summary>Read, compare the version, replace with If-Match on the read's ETag: 412 means someone else won.</summary>
    public async Task<Listing?> UpdateAsync(Listing listing, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listing);
        if (!CosmosDocuments.IsValidId(listing.Id))
        {
            return null;
        }

        var current = await ReadListingAsync(listing.Id, listing.Side, cancellationToken).ConfigureAwait(false);
        if (current is null || current.Listing.Version != expectedVersion)
        {
            return null;
        }

        var next = listing with { Version = expectedVersion + 1 };
        using var content = CosmosDocuments.ListingDocument(next);
        var options = new ItemRequestOptions { IfMatchEtag = current.ETag, EnableContentResponseOnWrite = false };
        using var response = await _listings.ReplaceItemStreamAsync(
            content, next.Id, new PartitionKey(CosmosDocuments.PartitionKeyOf(next.Side)), options, CancellationToken.None).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return next;
    }

    private static ItemRequestOptions NoContent => new() { EnableContentResponseOnWrite = false };

    private sealed record StoredListing(Listing Listing, string ETag);

    private async Task<StoredListing?> ReadListingAsync(string id, ListingSide side, CancellationToken cancellationToken)
    {
        using var response = await _listings.ReadItemStreamAsync(
            id, new PartitionKey(CosmosDocuments.PartitionKeyOf(side)), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return new StoredListing(CosmosDocuments.ReadListing(response.Content), response.Headers.ETag);
    }

    private async Task<IdempotencyDocument> ReadClaimAsync(string claimId)
    {
        using var response = await _idempotency.ReadItemStreamAsync(claimId, new PartitionKey(claimId)).ConfigureAwait(false);
        response.EnsureSuccessStatusCode(); // claims are never deleted: a 409 on create means it is there
        return CosmosDocuments.ReadClaim(response.Content);
    }

    /// <summary>
    /// The listing as stored; creates it from <paramref name="listing"/> if it is missing. Both the claim's winner and
    /// a replaying retry may get here for the same claim: whoever is second gets 409 and reads the stored copy.
    /// The winner creates straight away (its listing is almost never there yet); a replay reads first (it almost
    /// always is), so each path usually costs one operation.
    /// </summary>
    private async Task<Listing> EnsureListingAsync(Listing listing, bool readFirst)
    {
        if (readFirst && await ReadListingAsync(listing.Id, listing.Side, CancellationToken.None).ConfigureAwait(false) is { } stored)
        {
            return stored.Listing;
        }

        using var content = CosmosDocuments.ListingDocument(listing);
        using var response = await _listings.CreateItemStreamAsync(
            content, new PartitionKey(CosmosDocuments.PartitionKeyOf(listing.Side)), NoContent, CancellationToken.None).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return (await ReadListingAsync(listing.Id, listing.Side, CancellationToken.None).ConfigureAwait(false))?.Listing
                ?? throw new InvalidDataException($"Listing '{listing.Id}' conflicted on create but cannot be read.");
        }

        response.EnsureSuccessStatusCode();
        return listing;
    }

    /// <summary>
    /// All documents of a single-partition query (the SDK's stream iterator). Optimistic direct execution sends a
    /// single-partition query straight to its partition without asking the gateway for a query plan first: one round
    /// trip less in Azure, and the npm emulator cannot produce plans at all. MaxItemCount -1 lets the service fill
    /// each response (TOP bounds it), so a page needs one round trip.
    /// </summary>
    private async Task<List<JsonElement>> QueryAsync(QueryDefinition definition, PartitionKey partition, CancellationToken cancellationToken)
    {
        var options = new QueryRequestOptions { PartitionKey = partition, MaxItemCount = -1, EnableOptimisticDirectExecution = true };
        using var iterator = _listings.GetItemQueryStreamIterator(definition, continuationToken: null, options);
        var documents = new List<JsonElement>();
        while (iterator.HasMoreResults)
        {
            using var response = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var json = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var document in json.RootElement.GetProperty("Documents").EnumerateArray())
            {
                documents.Add(document.Clone());
            }
        }

        return documents;
    }

    /// <summary>Fixed fragments only; every value is a parameter. The side comes first: it is the partition key.</summary>
    private static (string Where, List<(string Name, object Value)> Parameters) Filter(ListingQuery query)
    {
        var where = new StringBuilder("c.side = @side");
        var parameters = new List<(string, object)> { ("@side", query.Side.ToString()) };
        if (query.Status is { } status)
        {
            where.Append(" AND c.status = @status");
            parameters.Add(("@status", status.ToString()));
        }

        if (query.Type is { } type)
        {
            where.Append(" AND c.type = @type");
            parameters.Add(("@type", type.ToString()));
        }

        if (!string.IsNullOrEmpty(query.Category))
        {
            where.Append(" AND c.category = @category");
            parameters.Add(("@category", query.Category));
        }

        if (!string.IsNullOrEmpty(query.RegionPrefix))
        {
            // Case-sensitive like NUTS codes; served by the range index on /region.
            where.Append(" AND STARTSWITH(c.region, @region)");
            parameters.Add(("@region", query.RegionPrefix));
        }

        return (where.ToString(), parameters);
    }

    private static QueryDefinition Bind(string text, List<(string Name, object Value)> parameters)
    {
        var definition = new QueryDefinition(text);
        foreach (var (name, value) in parameters)
        {
            definition = definition.WithParameter(name, value);
        }

        return definition;
    }
}
