using ResponsePortal.Listings;

namespace ResponsePortal.Store;

/// <summary>
/// The store port: listings and the idempotency keys that created them. SQLite in embedded mode,
/// Cosmos DB when scaled out; both pass the same contract suite (tests/…/Store/ListingStoreContract.cs).
/// </summary>
public interface IListingStore
{
    /// <summary>
    /// Stores a new listing durably: when the task completes, the listing survives a crash.
    /// With an idempotency claim, a key already used on the same side returns the listing it created
    /// (same request) or a conflict (different request), and nothing new is stored.
    /// </summary>
    Task<CreateListingResult> CreateAsync(Listing listing, IdempotencyClaim? idempotency, CancellationToken cancellationToken);

    Task<Listing?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// The listings among <paramref name="ids"/> that exist, in no particular order. Adapters that can read several
    /// in one round trip override this (the matcher reads a whole batch of changed listings at once).
    /// </summary>
    async Task<IReadOnlyList<Listing>> FindManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new List<Listing>(ids.Count);
        foreach (var id in ids)
        {
            if (await FindAsync(id, cancellationToken).ConfigureAwait(false) is { } listing)
            {
                found.Add(listing);
            }
        }

        return found;
    }

    Task<ListingPage> QueryAsync(ListingQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The open listings of both sides that expire on or before <paramref name="until"/>, in no particular order: what
    /// housekeeping expires or reminds about. One query instead of paging through every open listing (each page with an
    /// offset read all the pages before it again, so a pass grew with the square of the open listings).
    /// </summary>
    Task<IReadOnlyList<Listing>> FindOpenExpiringAsync(DateOnly until, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a listing if its stored version still equals <paramref name="expectedVersion"/>;
    /// the stored copy gets version + 1. Returns null when the listing is gone or was changed meanwhile.
    /// </summary>
    Task<Listing?> UpdateAsync(Listing listing, long expectedVersion, CancellationToken cancellationToken);
}

/// <param name="Key">The client's Idempotency-Key header.</param>
/// <param name="RequestHash">Hash of the request body, so reusing a key for another request is detected.</param>
public sealed record IdempotencyClaim(string Key, string RequestHash);

public abstract record CreateListingResult
{
    private CreateListingResult() { }

    public sealed record Created(Listing Listing) : CreateListingResult;

    /// <summary>The key was used before for the same request: here is the listing it created.</summary>
    public sealed record Replayed(Listing Listing) : CreateListingResult;

    /// <summary>The key was used before for a different request.</summary>
    public sealed record KeyReused : CreateListingResult;
}

/// <summary>Filters combine with AND. Region matches by NUTS prefix, so "DE" finds "DE60".</summary>
public sealed record ListingQuery(
    ListingSide Side,
    string? Category = null,
    string? RegionPrefix = null,
    ListingType? Type = null,
    ListingStatus? Status = ListingStatus.Open,
    int Page = 1,
    int PageSize = 20);

/// <summary>Newest first.</summary>
public sealed record ListingPage(IReadOnlyList<Listing> Items, int Page, int PageSize, long Total);
