using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Azure.Cosmos;
using ResponsePortal.Accounts;
using ResponsePortal.Catalog;
using ResponsePortal.Dashboard;
using ResponsePortal.Export;
using ResponsePortal.Listings;

namespace ResponsePortal.Store.Cosmos;

/// <summary>
/// The export port on Cosmos DB. Listings: one streamed query per side partition in <c>sortKey</c> order (creation time,
/// then id: SQLite's export order), merged; indexed filters go to Cosmos, urgency and cluster are checked here with the
/// dashboard's own rule (<see cref="ListingFact.Passes"/>). Matches: the dashboard snapshot says which and in what order,
/// their listings are point reads (known side, 1 RU each, each listing read once per export).
/// </summary>
public sealed class CosmosExportSource(Container listings, CosmosDashboardSnapshots snapshots, PortalCatalog catalog, TimeProvider time) : IExportSource
{
    public static CosmosExportSource ForDatabase(Database database, CosmosDashboardSnapshots snapshots, PortalCatalog catalog, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new CosmosExportSource(database.GetContainer(CosmosContainers.Listings), snapshots, catalog, time);
    }

    public async IAsyncEnumerable<ListingExportRow> ListingsAsync(
        Viewer viewer, DashboardFilter filter, string language, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(filter);
        var snapshot = await snapshots.GetAsync(cancellationToken).ConfigureAwait(false);
        var offers = SideAsync(ListingSide.Offer, filter, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var requests = SideAsync(ListingSide.Request, filter, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (offers.ConfigureAwait(false))
        await using (requests.ConfigureAwait(false))
        {
            var hasOffer = await offers.MoveNextAsync().ConfigureAwait(false);
            var hasRequest = await requests.MoveNextAsync().ConfigureAwait(false);
            while (hasOffer || hasRequest)
            {
                var takeOffer = hasOffer && (!hasRequest || string.CompareOrdinal(CosmosDocuments.SortKey(offers.Current), CosmosDocuments.SortKey(requests.Current)) <= 0);
                var l = takeOffer ? offers.Current : requests.Current;
                if (ListingFact.From(l).Passes(filter, viewer.ClusterScope, sideAwareUrgency: true))
                {
                    // Every role here sees only listings in its scope (a cluster manager: their own members'), so contacts may be shown.
                    yield return new ListingExportRow(
                        l.Id, ListingCodes.Of(l.Side), ListingCodes.Of(l.Status), ListingCodes.Of(l.Type), l.Category, DashboardLabels.Category(catalog, l.Category, language),
                        l.Title, l.Quantity, l.Unit, snapshot.Held.GetValueOrDefault(l.Id), l.Region, DashboardLabels.Region(catalog, l.Region, language),
                        l.Urgency is { } u ? ListingCodes.Of(u) : null, l.NeededBy, l.AvailableFrom, l.ExpiresAt, l.Organisation.Name, l.Organisation.Cluster,
                        l.Contact.Name, l.Contact.Email, l.Contact.Phone, l.CreatedAt);
                }

                if (takeOffer)
                {
                    hasOffer = await offers.MoveNextAsync().ConfigureAwait(false);
                }
                else
                {
                    hasRequest = await requests.MoveNextAsync().ConfigureAwait(false);
                }
            }
        }
    }

    public async IAsyncEnumerable<MatchExportRow> MatchesAsync(Viewer viewer, DashboardFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(filter);
        var snapshot = await snapshots.GetAsync(cancellationToken).ConfigureAwait(false);
        var from = PeriodFrom(filter);
        var scope = viewer.ClusterScope;
        var rows = snapshot.Matches
            // A cluster manager sees matches on either side of their cluster: their shortages and their members' offers.
            .Where(m => m.Request.Passes(filter, null, sideAwareUrgency: false) && (scope is null || m.Request.Cluster == scope || m.OfferCluster == scope))
            .Where(m => from is null || string.CompareOrdinal(m.Match.CreatedKey, from) >= 0)
            .OrderBy(m => m.Match.CreatedKey, StringComparer.Ordinal).ThenBy(m => m.Match.Id, StringComparer.Ordinal);
        var bodies = new Dictionary<string, Listing?>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var request = await ReadAsync(bodies, row.Match.RequestId, ListingSide.Request, cancellationToken).ConfigureAwait(false);
            var offer = await ReadAsync(bodies, row.Match.OfferId, ListingSide.Offer, cancellationToken).ConfigureAwait(false);
            if (request is null || offer is null)
            {
                continue; // as SQLite's join: a match whose listing is gone is not exported
            }

            // Contact details of a counterpart are personal data: a cluster manager gets them only once both sides accepted,
            // as the parties themselves do; authorities see them all.
            var bothAccepted = row.Match.State is "accepted" or "completed";
            bool Shows(Listing listing) => scope is null || listing.Organisation.Cluster == scope || bothAccepted;
            yield return new MatchExportRow(
                row.Match.Id, row.Match.State, row.Match.Reason is { Length: > 0 } reason ? reason : null, row.Match.Quantity,
                row.Match.CreatedAt.ToUniversalTime(),
                request.Id, request.Title, request.Category, request.Region, request.Urgency is { } u ? ListingCodes.Of(u) : null,
                request.Organisation.Name, request.Organisation.Cluster,
                Shows(request) ? request.Contact.Name : null, Shows(request) ? request.Contact.Email : null,
                offer.Id, offer.Title, offer.Category, offer.Region, offer.Organisation.Name, offer.Organisation.Cluster,
                Shows(offer) ? offer.Contact.Name : null, Shows(offer) ? offer.Contact.Email : null);
        }
    }

    /// <summary>One side's listings in sortKey order; the indexed filters (and the period) are part of the query.</summary>
    private async IAsyncEnumerable<Listing> SideAsync(ListingSide side, DashboardFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var where = new StringBuilder("c.side = @side");
        var query = new List<(string Name, object Value)> { ("@side", side.ToString()) };
        void Add(string condition, string name, object value)
        {
            where.Append(" AND ").Append(condition);
            query.Add((name, value));
        }

        if (filter.Category is { } category)
        {
            Add("c.category = @category", "@category", category);
        }

        if (filter.Region is { } region)
        {
            Add("STARTSWITH(c.region, @region)", "@region", region);
        }

        if (filter.Type is { } type)
        {
            Add("c.type = @type", "@type", type.ToString());
        }

        if (PeriodFrom(filter) is { } from)
        {
            Add("c.sortKey >= @from", "@from", from);
        }

        var definition = new QueryDefinition($"SELECT * FROM c WHERE {where} ORDER BY c.sortKey");
        foreach (var (name, value) in query)
        {
            definition = definition.WithParameter(name, value);
        }

        await foreach (var element in CosmosItems.QueryAsync(listings, definition, side.ToString(), cancellationToken).ConfigureAwait(false))
        {
            yield return CosmosDocuments.ReadListing(element);
        }
    }

    private async Task<Listing?> ReadAsync(Dictionary<string, Listing?> bodies, string id, ListingSide side, CancellationToken cancellationToken)
    {
        if (!bodies.TryGetValue(id, out var listing))
        {
            using var response = await listings.ReadItemStreamAsync(id, new PartitionKey(side.ToString()), cancellationToken: cancellationToken).ConfigureAwait(false);
            listing = response.StatusCode == System.Net.HttpStatusCode.NotFound ? null : CosmosDocuments.ReadListing(response.EnsureSuccessStatusCode().Content);
            bodies[id] = listing;
        }

        return listing;
    }

    /// <summary>The first day of the period as text, compared with sortable creation times (as SQLite's export); null for "all".</summary>
    private string? PeriodFrom(DashboardFilter filter) =>
        filter.PeriodDays is { } days
            ? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-(days - 1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
}
