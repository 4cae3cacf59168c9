using Microsoft.AspNetCore.Mvc.RazorPages;
using ResponsePortal.Listings;
using ResponsePortal.Store;

namespace ResponsePortal.Pages;

/// <summary>The landing page: what the portal is, how matching works, and the two ways in.</summary>
public sealed partial class IndexModel(ListingService listings, ILogger<IndexModel> logger) : PageModel
{
    /// <summary>Open listings on each side; null when they cannot be counted (the page still works without them).</summary>
    public OpenListingCounts? Counts { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            // One row per side: the store counts the total alongside the page.
            var offers = await listings.QueryAsync(new ListingQuery(ListingSide.Offer, PageSize: 1), cancellationToken);
            var shortages = await listings.QueryAsync(new ListingQuery(ListingSide.Request, PageSize: 1), cancellationToken);
            Counts = new OpenListingCounts(offers.Total, shortages.Total);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The landing page must open even when the store is struggling: it explains the portal and links to the forms.
            LogCountFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count open listings for the landing page.")]
    private static partial void LogCountFailed(ILogger logger, Exception exception);
}

public sealed record OpenListingCounts(long OpenOffers, long OpenShortages);
