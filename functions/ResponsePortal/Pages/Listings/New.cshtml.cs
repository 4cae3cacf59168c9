using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ResponsePortal.Catalog;
using ResponsePortal.Hosting;
using ResponsePortal.Listings;
using ResponsePortal.Web;

namespace ResponsePortal.Pages.Listings;

/// <summary>/offers/new and /requests/new: the form, and after a successful post the confirmation with the one-time link.</summary>
public sealed class NewModel(ListingService listings, PortalCatalog catalog, TimeProvider time, IOptions<PortalOptions> options) : PageModel
{
    public ListingSide Side { get; private set; }

    public ListingForm Form { get; private set; } = null!;

    /// <summary>Set after a successful post: the page then shows the confirmation instead of the form.</summary>
    public Listing? Created { get; private set; }

    public string? ManageUrl { get; private set; }

    /// <summary>The key was used for different content: the person went back, changed the form and sent it again.</summary>
    public bool AlreadySubmitted { get; private set; }

    public IActionResult OnGet(string side)
    {
        if (SidePath.Parse(side) is not { } parsed)
        {
            return NotFound();
        }

        Side = parsed;
        Form = NewForm(ListingFormValues.Defaults(PortalLanguage.From(HttpContext)), []);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string side, CancellationToken cancellationToken)
    {
        if (SidePath.Parse(side) is not { } parsed)
        {
            return NotFound();
        }

        Side = parsed;
        var language = PortalLanguage.From(HttpContext);
        var form = await Request.ReadFormAsync(cancellationToken);
        var (draft, errors) = ListingFormValues.Read(form, Side, catalog, time);
        if (errors.Any)
        {
            Form = NewForm(ListingFormValues.FromForm(form), ListingFormValues.Messages(errors, language), form[ListingFields.IdempotencyKey]);
            return Page();
        }

        switch (await listings.CreateAsync(Side, draft, ListingFormValues.Claim(form), cancellationToken))
        {
            case CreateListingOutcome.Created created:
                Created = created.Listing;
                ManageUrl = $"{PublicBase()}/manage/{created.Listing.Id}?token={Uri.EscapeDataString(created.ManageToken)}";
                // The page holds a secret: never keep it in a cache, never leak the URL it links to.
                Response.Headers.CacheControl = "no-store";
                Response.Headers["Referrer-Policy"] = "no-referrer";
                return Page();
            case CreateListingOutcome.Invalid invalid:
                Form = NewForm(ListingFormValues.FromForm(form), ListingFormValues.Messages(invalid.Errors, language), form[ListingFields.IdempotencyKey]);
                return Page();
            default:
                AlreadySubmitted = true;
                Form = NewForm(ListingFormValues.FromForm(form), []);
                return Page();
        }
    }

    private ListingForm NewForm(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> values, IReadOnlyList<FormMessage> errors, string? idempotencyKey = null) => new()
    {
        Side = Side,
        Values = values,
        Errors = errors,
        Choices = CatalogChoices.ForForm(catalog, PortalLanguage.From(HttpContext)),
        SubmitLabel = Side == ListingSide.Offer ? Texts.SubmitOffer : Texts.SubmitShortage,
        // Kept across error round trips: it is still the same listing being sent.
        IdempotencyKey = string.IsNullOrEmpty(idempotencyKey) ? Guid.NewGuid().ToString("N") : idempotencyKey,
    };

    private string PublicBase() =>
        string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)
            ? $"{Request.Scheme}://{Request.Host}{Request.PathBase}"
            : options.Value.PublicBaseUrl.TrimEnd('/');
}
