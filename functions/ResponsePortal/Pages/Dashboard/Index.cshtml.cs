using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResponsePortal.Accounts;
using ResponsePortal.Catalog;
using ResponsePortal.Dashboard;
using ResponsePortal.Web;

namespace ResponsePortal.Pages.Dashboard;

/// <summary>/dashboard: the authorities' and clusters' view. Everything is server-rendered; the filter is a GET form.</summary>
[Authorize(Policy = PortalPolicies.Dashboard)]
public sealed class IndexModel(IDashboardSource dashboard, PortalCatalog catalog) : PageModel
{
    public DashboardData Data { get; private set; } = null!;

    public DashboardFilter Filter { get; private set; } = DashboardFilter.Default;

    public PortalCatalog Catalog => catalog;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Viewer.From(User) is not { } viewer)
        {
            return Forbid();
        }

        Response.Headers.CacheControl = "private, no-store";
        Filter = DashboardFilter.From(Request.Query);
        Data = await dashboard.LoadAsync(viewer, Filter, PortalLanguage.From(HttpContext), cancellationToken);
        return Page();
    }
}
