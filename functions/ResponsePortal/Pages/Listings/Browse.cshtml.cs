using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResponsePortal.Catalog;
using ResponsePortal.Listings;
using ResponsePortal.Store;
using ResponsePortal.Web;

namespace ResponsePortal.Pages.Listings;

/// <summary>/offers and /requests: open listings, newest first, filtered by category, region and kind, 20 a page.</summary>
public sealed class BrowseModel(ListingService listings, PortalCatalog catalog) : PageModel
{
    public ListingSide Side { get; private set; }

    public ListingQuery Query { get; private set; } = new(ListingSide.Offer);

    public ListingPage Results { get; private set; } = new([], 1, 20, 0);

    public IReadOnlyList<ChoiceGroup> Categories { get; private set; } = [];

    public IReadOnlyList<ChoiceGroup> Regions { get; private set; } = [];

    public IReadOnlyList<FormMessage> Errors { get; private set; } = [];

    public int PageCount => (int)Math.Max(1, (Results.Total + Results.PageSize - 1) / Results.PageSize);

    public async Task<IActionResult> OnGetAsync(string side, CancellationToken cancellationToken)
    {
        if (SidePath.Parse(side) is not { } parsed)
        {
            return NotFound();
        }

        Side = parsed;
        var language = PortalLanguage.From(HttpContext);
        Categories = CatalogChoices.Categories(catalog, language);
        Regions = CatalogChoices.Regions(catalog, language);
        var (query, errors) = ListingQueryReader.Read(Request.Query, Side);
        Query = query;
        Errors = ListingFormValues.Messages(errors, language);
        if (!errors.Any)
        {
            Results = await listings.QueryAsync(query, cancellationToken);
        }

        return Page();
    }

    /// <summary>The link to another page of the same results: filters kept, empty ones left out.</summary>
    public string PageUrl(int page)
    {
        var parameters = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parameters.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("category", Query.Category);
        Add("region", Query.RegionPrefix);
        Add("type", Query.Type is { } type ? ListingCodes.Of(type) : null);
        Add("page", page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        return $"/{SidePath.Of(Side)}" + (parameters.Count > 0 ? "?" + string.Join("&", parameters) : "");
    }
}
