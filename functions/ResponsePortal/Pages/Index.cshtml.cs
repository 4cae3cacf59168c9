using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ResponsePortal.Pages;

/// <summary>The landing page: what the portal is, how matching works, and the two ways in.</summary>
public sealed class IndexModel : PageModel
{
    /// <summary>Open listings on each side; null when they cannot be counted cheaply (the page still works).</summary>
    public OpenListingCounts? Counts { get; private set; }

    public void OnGet()
    {
    }
}

public sealed record OpenListingCounts(long OpenOffers, long OpenShortages);
