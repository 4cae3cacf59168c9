using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResponsePortal.Accounts;
using ResponsePortal.BulkPosting;

namespace ResponsePortal.Pages.Bulk;

/// <summary>/bulk/{id}: progress (a meta refresh while running, so it works without JavaScript) and the errors by line and field.</summary>
[Authorize(Policy = PortalPolicies.BulkPosting)]
public sealed class StatusModel(IBulkUploadStore store) : PageModel
{
    public BulkUpload Upload { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var viewer = Viewer.From(User)!;
        var upload = await store.FindAsync(id, cancellationToken);
        // Someone else's upload looks like none at all.
        if (upload is null || (upload.Account != viewer.Email && viewer.Role != PortalRole.Admin))
        {
            return NotFound();
        }

        Upload = upload;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
