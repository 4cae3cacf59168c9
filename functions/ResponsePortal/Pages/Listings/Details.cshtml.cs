using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResponsePortal.Attachments;
using ResponsePortal.Listings;

namespace ResponsePortal.Pages.Listings;

/// <summary>
/// /offers/{id} and /requests/{id}: the public view of one listing (never contact email or phone). Authorities and
/// admins also see the poster's certificates with download links; everyone else does not learn that there are any.
/// </summary>
public sealed class DetailsModel(ListingService listings, ListingAttachments attachments) : PageModel
{
    public Listing? Listing { get; private set; }

    public ListingSide Side { get; private set; }

    /// <summary>Null when the visitor may not see certificates (so the page shows no section at all).</summary>
    public IReadOnlyList<ListingAttachment>? Attachments { get; private set; }

    public async Task<IActionResult> OnGetAsync(string side, string id, CancellationToken cancellationToken)
    {
        if (SidePath.Parse(side) is not { } parsed)
        {
            return NotFound();
        }

        Side = parsed;
        var listing = await listings.FindAsync(id, cancellationToken);
        // An offer's id under /requests/ is not found either: one URL per listing.
        Listing = listing?.Side == Side ? listing : null;
        if (Listing is null)
        {
            // The page itself explains it; a body keeps the status code pages from replacing it.
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        else if (AttachmentEndpoints.ViewerRoles.Any(User.IsInRole))
        {
            Response.Headers.CacheControl = "private, no-store";
            Attachments = await attachments.ListAsync(Listing.Id, cancellationToken);
        }

        return Page();
    }
}
