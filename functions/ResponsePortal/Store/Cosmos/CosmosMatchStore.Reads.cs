using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using ResponsePortal.Listings;
using ResponsePortal.Matching;

namespace ResponsePortal.Store.Cosmos;

/// <summary>The reads: point reads and single-partition queries only (listings by side, matches in their one partition).</summary>
public sealed partial class CosmosMatchStore
{
    private const double KmPerDegreeLatitude = 6371.0 * Math.PI / 180.0;

    /// <summary>Ledger point reads in flight at once while loading candidates: bounded so a big neighbourhood is not a burst.</summary>
    private const int ParallelLedgerReads = 16;

    public async Task<MatchCandidates> LoadCandidatesAsync(IReadOnlyList<CandidateSearch> searches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(searches);
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var listings = new Dictionary<string, Listing>(StringComparer.Ordinal);
        var partnersPresent = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var search in searches)
        {
            var around = search.Around;
            var otherSide = around.Side == ListingSide.Offer ? ListingSide.Request : ListingSide.Offer;
            var key = otherSide + "|" + string.Join("|", search.PartnerCategories.Order(StringComparer.Ordinal));
            if (!partnersPresent.TryGetValue(key, out var present))
            {
                present = await AnyOpenListingAsync(otherSide, search.PartnerCategories, cancellationToken).ConfigureAwait(false);
                partnersPresent[key] = present;
            }

            if (!present)
            {
                continue;
            }

            // The listing as stored now, not as the matcher read it.
            if (await ReadListingAsync(around.Id, around.Side, cancellationToken).ConfigureAwait(false) is { } own)
            {
                listings.TryAdd(own.Id, own);
            }

            // An offer reaches as far as its own radius; a request is reached by offers as far as theirs, so the query box
            // is the largest radius and each offer's own box is checked here (over-approximating is allowed: the engine
            // applies the exact distance).
            var reach = around.Side == ListingSide.Offer ? around.RadiusKm ?? 0 : ListingValidator.MaxRadiusKm;
            foreach (var partner in await QueryPartnersAsync(otherSide, search.PartnerCategories, around.Lat, around.Lon, reach, today, cancellationToken).ConfigureAwait(false))
            {
                if (around.Side == ListingSide.Offer || InBox(partner.Lat, partner.Lon, around.Lat, around.Lon, partner.RadiusKm ?? 0))
                {
                    listings.TryAdd(partner.Id, partner);
                }
            }
        }

        var open = new List<OpenListing>();
        var held = await HeldAsync(listings.Values.Where(l => l.Status == ListingStatus.Open), cancellationToken).ConfigureAwait(false);
        foreach (var (listing, quantityHeld) in held)
        {
            if (listing.Quantity - quantityHeld > 0)
            {
                open.Add(new OpenListing(listing, listing.Quantity - quantityHeld));
            }
        }

        return new MatchCandidates([.. open.OrderBy(l => l.Listing.Id, StringComparer.Ordinal)], await DeclinedAmongAsync(open, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Per listing: its head, the terms of its open matches (from the match documents, the truth) and, on the way, its
    /// ledger reconciled with those documents: this is where holds left by a call that died half-way are released,
    /// because every such call leaves match work for the listing behind (its retry, or its event on the change feed).
    /// </summary>
    public async Task<IReadOnlyList<ChangedListingHead>> ReadChangedAsync(IReadOnlyCollection<string> listingIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listingIds);
        var heads = new List<ChangedListingHead>(listingIds.Count);
        foreach (var listingId in listingIds.Distinct(StringComparer.Ordinal))
        {
            var listing = await FindListingAsync(listingId, cancellationToken).ConfigureAwait(false);
            if (listing is null)
            {
                continue;
            }

            var matches = await QueryMatchesOfListingAsync(listingId, cancellationToken).ConfigureAwait(false);
            var openTerms = matches.Where(CosmosMatchDocuments.IsOpen)
                .Select(m => listing.Side == ListingSide.Offer ? m.OfferTerms : m.RequestTerms)
                .ToHashSet(StringComparer.Ordinal);
            await _ledgers.ReconcileAsync(listingId, listing.Side, matches.ToDictionary(m => m.Id, StringComparer.Ordinal), _time.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false);
            heads.Add(new ChangedListingHead(listingId, listing.Side, listing.Status, listing.Category, openTerms.Count > 0 ? openTerms : null));
        }

        return heads;
    }

    public async Task<bool> AnyOpenListingAsync(ListingSide side, IReadOnlyCollection<string> categories, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (categories.Count == 0)
        {
            return false;
        }

        var query = new QueryDefinition(
                "SELECT TOP 1 c.id FROM c WHERE c.side = @side AND c.status = 'Open' AND ARRAY_CONTAINS(@categories, c.category) AND c.expiresAt >= @today")
            .WithParameter("@side", side.ToString())
            .WithParameter("@categories", categories.ToArray())
            .WithParameter("@today", Today());
        return (await QueryAsync(_listings, query, new PartitionKey(side.ToString()), cancellationToken).ConfigureAwait(false)).Count > 0;
    }

    public async Task<Match?> FindAsync(string id, CancellationToken cancellationToken) =>
        await FindDocumentAsync(id, cancellationToken).ConfigureAwait(false) is { Kind: CosmosMatchDocument.MatchKind } document
            ? CosmosMatchDocuments.ToMatch(document)
            : null;

    public async Task<IReadOnlyList<Match>> ListForListingAsync(string listingId, CancellationToken cancellationToken) =>
        CosmosMatchDocuments.Ordered(await QueryMatchesOfListingAsync(listingId, cancellationToken).ConfigureAwait(false));

    private string Today() => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<List<Listing>> QueryPartnersAsync(
        ListingSide side, IReadOnlyCollection<string> categories, double lat, double lon, int reachKm, DateOnly today, CancellationToken cancellationToken)
    {
        // 1 % margin for the sphere-vs-box approximation, as in SQLite.
        var latDelta = reachKm * 1.01 / KmPerDegreeLatitude;
        var lonDelta = LonDelta(lat, latDelta);
        var text = "SELECT * FROM c WHERE c.side = @side AND c.status = 'Open' AND ARRAY_CONTAINS(@categories, c.category) AND c.expiresAt >= @today"
            + " AND c.lat >= @latLow AND c.lat <= @latHigh"
            + (lonDelta is null ? "" : " AND c.lon >= @lonLow AND c.lon <= @lonHigh");
        var query = new QueryDefinition(text)
            .WithParameter("@side", side.ToString())
            .WithParameter("@categories", categories.ToArray())
            .WithParameter("@today", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .WithParameter("@latLow", lat - latDelta)
            .WithParameter("@latHigh", lat + latDelta)
            .WithParameter("@lonLow", lon - (lonDelta ?? 0))
            .WithParameter("@lonHigh", lon + (lonDelta ?? 0));
        var documents = await QueryAsync(_listings, query, new PartitionKey(side.ToString()), cancellationToken).ConfigureAwait(false);
        return [.. documents.Select(CosmosDocuments.ReadListing)];
    }

    /// <summary>The longitude half-width of a box; null when the box wraps around (near the poles or the date line).</summary>
    private static double? LonDelta(double lat, double latDelta)
    {
        var farthestLatitude = Math.Min(89.9, Math.Abs(lat) + latDelta);
        var lonDelta = latDelta / Math.Cos(farthestLatitude * Math.PI / 180.0);
        return lonDelta < 180 && Math.Abs(lat) + latDelta < 90 ? lonDelta : null;
    }

    private static bool InBox(double lat, double lon, double centreLat, double centreLon, int reachKm)
    {
        var latDelta = reachKm * 1.01 / KmPerDegreeLatitude;
        return Math.Abs(lat - centreLat) <= latDelta && (LonDelta(centreLat, latDelta) is not { } lonDelta || Math.Abs(lon - centreLon) <= lonDelta);
    }

    /// <summary>What each listing's matches hold: one ledger point read each (1 RU), a bounded number at a time.</summary>
    private async Task<List<(Listing Listing, long Held)>> HeldAsync(IEnumerable<Listing> listings, CancellationToken cancellationToken)
    {
        var result = new List<(Listing, long)>();
        foreach (var chunk in listings.Chunk(ParallelLedgerReads))
        {
            var ledgers = await Task.WhenAll(chunk.Select(l => _ledgers.ReadAsync(l.Id, l.Side, cancellationToken))).ConfigureAwait(false);
            result.AddRange(chunk.Select((l, i) => (l, ledgers[i]?.Held ?? 0)));
        }

        return result;
    }

    /// <summary>Declined pairs whose request is among the loaded listings (the engine must not propose them again).</summary>
    private async Task<HashSet<(string OfferId, string RequestId)>> DeclinedAmongAsync(IEnumerable<OpenListing> listings, CancellationToken cancellationToken)
    {
        var declined = new HashSet<(string, string)>();
        var requestIds = listings.Where(l => l.Listing.Side == ListingSide.Request).Select(l => l.Listing.Id).ToList();
        foreach (var chunk in requestIds.Chunk(200))
        {
            var query = new QueryDefinition(
                    "SELECT c.offerId, c.requestId FROM c WHERE c.pk = @pk AND c.state = @declined AND ARRAY_CONTAINS(@requests, c.requestId)")
                .WithParameter("@pk", CosmosMatchDocument.MatchPartition)
                .WithParameter("@declined", MatchCodes.Of(MatchState.Declined))
                .WithParameter("@requests", chunk);
            foreach (var pair in await QueryAsync(_matches, query, CosmosMatchDocuments.MatchPartition, cancellationToken).ConfigureAwait(false))
            {
                declined.Add((pair.GetProperty("offerId").GetString()!, pair.GetProperty("requestId").GetString()!));
            }
        }

        return declined;
    }

    private async Task<List<CosmosMatchDocument>> QueryMatchesOfListingAsync(string listingId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND (c.offerId = @id OR c.requestId = @id)")
            .WithParameter("@pk", CosmosMatchDocument.MatchPartition)
            .WithParameter("@id", listingId);
        return [.. (await QueryAsync(_matches, query, CosmosMatchDocuments.MatchPartition, cancellationToken).ConfigureAwait(false)).Select(CosmosMatchDocuments.Read)];
    }

    private async Task<CosmosMatchDocument?> FindDocumentAsync(string id, CancellationToken cancellationToken) =>
        (await ReadMatchAsync(id, cancellationToken).ConfigureAwait(false))?.Document;

    private async Task<Stored<CosmosMatchDocument>?> ReadMatchAsync(string id, CancellationToken cancellationToken) =>
        CosmosDocuments.IsValidId(id)
            ? await CosmosItems.ReadAsync(_matches, id, CosmosMatchDocument.MatchPartition, CosmosMatchJsonContext.Default.CosmosMatchDocument, cancellationToken).ConfigureAwait(false)
            : null;

    private async Task<Listing?> ReadListingAsync(string id, ListingSide side, CancellationToken cancellationToken)
    {
        if (!CosmosDocuments.IsValidId(id))
        {
            return null;
        }

        using var response = await _listings.ReadItemStreamAsync(id, new PartitionKey(side.ToString()), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return CosmosDocuments.ReadListing(response.Content);
    }

    /// <summary>The portal's ids name their side ("o-…", "r-…"): one read; other ids (imports, tests) try both sides.</summary>
    private async Task<Listing?> FindListingAsync(string id, CancellationToken cancellationToken)
    {
        ListingSide[] sides = id.StartsWith("o-", StringComparison.Ordinal) ? [ListingSide.Offer]
            : id.StartsWith("r-", StringComparison.Ordinal) ? [ListingSide.Request]
            : [ListingSide.Offer, ListingSide.Request];
        foreach (var side in sides)
        {
            if (await ReadListingAsync(id, side, cancellationToken).ConfigureAwait(false) is { } listing)
            {
                return listing;
            }
        }

        return null;
    }

    /// <summary>A single-partition query, all pages, through direct execution (no query plan: see CosmosListingStore).</summary>
    private static async Task<List<JsonElement>> QueryAsync(Container container, QueryDefinition query, PartitionKey partition, CancellationToken cancellationToken)
    {
        var options = new QueryRequestOptions { PartitionKey = partition, MaxItemCount = -1, EnableOptimisticDirectExecution = true };
        using var iterator = container.GetItemQueryStreamIterator(query, continuationToken: null, options);
        var documents = new List<JsonElement>();
        while (iterator.HasMoreResults)
        {
            using var response = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var json = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            documents.AddRange(json.RootElement.GetProperty("Documents").EnumerateArray().Select(d => d.Clone()));
        }

        return documents;
    }
}
