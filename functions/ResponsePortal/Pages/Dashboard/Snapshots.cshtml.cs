using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResponsePortal.Accounts;
using ResponsePortal.Blobs;
using ResponsePortal.Dashboard;
using ResponsePortal.Export;
using ResponsePortal.Web;

namespace ResponsePortal.Pages.Dashboard;

/// <summary>/dashboard/snapshots: authorities and admins keep the export as it is now and find earlier ones.</summary>
[Authorize(Roles = "authority,admin")]
public sealed class SnapshotsModel(IBlobStore blobs, IExportSource rows, TimeProvider time) : PageModel
{
    public IReadOnlyList<ExportSnapshot> Snapshots { get; private set; } = [];

    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "private, no-store";
        Saved = Request.Query["saved"] == "1";
        Snapshots = await ExportSnapshots.ListAsync(blobs, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string? kind, CancellationToken cancellationToken)
    {
        if (Viewer.From(User) is not { } viewer)
        {
            return Forbid();
        }

        await ExportSnapshots.TakeAsync(blobs, rows, time, viewer, kind == "matches" ? "matches" : "listings", DashboardFilter.Default,
            PortalLanguage.From(HttpContext), cancellationToken);
        // Post/redirect/get: a reload does not take a second snapshot.
        return Redirect("/dashboard/snapshots?saved=1");
    }
}
