using ResponsePortal.Catalog;
using ResponsePortal.Listings;

namespace ResponsePortal.Matching;

/// <summary>The listings that could match a listing: the other side, in the categories the catalogue lets serve it or be served by it.</summary>
public sealed record MatchPartners(ListingSide Side, IReadOnlySet<string> Categories)
{
    public static MatchPartners Of(ListingSide side, string category, PortalCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return side == ListingSide.Offer
            ? new(ListingSide.Request, catalog.RequestCategoriesServedBy(category))
            : new(ListingSide.Offer, catalog.OfferCategoriesServing(category));
    }
}
