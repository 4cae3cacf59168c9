using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResponsePortal.Attachments;
using ResponsePortal.Catalog;
using ResponsePortal.Listings;
using ResponsePortal.Pages.Listings;
using ResponsePortal.Web;

namespace ResponsePortal.Pages.Manage;

/// <summary>
/// /manage/{id}?token=…: the poster's page. Everything including contact, the edit form (same form as for new
/// listings, prefilled), withdrawal with a confirmation step, and the certificates (Attachments/, docs/attachments.md).
/// A wrong token and an unknown id look the same.
/// </summary>
// Kestrel refuses bodies over 30 MB before any handler runs, and a browser then shows a bare "400 Bad Request". A scan
// of a certificate can be that large by mistake: up to this limit it reaches the handler, which answers with the
// message beside the field (5 MiB is the real limit, AttachmentCheck.MaxBytes; portal.js refuses it before sending).
[RequestSizeLimit(IndexModel.MaxFormBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = IndexModel.MaxFormBytes)]
public sealed class IndexModel(ListingService listings, PortalCatalog catalog, TimeProvider time, ListingAttachments attachments, IConfiguration configuration) : PageModel
{
    /// <summary>The largest management form a poster's browser may send (see the attributes above).</summary>
    public const long MaxFormBytes = 100L * 1024 * 1024;

    public Listing? Listing { get; private set; }

    public string Token { get; private set; } = "";

    public ListingForm? Form { get; private set; }

    /// <summary>"withdraw" shows the "are you sure?" step instead of the edit form.</summary>
    public bool ConfirmingWithdrawal { get; private set; }

    public UiText? Notice { get; private set; }

    public IReadOnlyList<ListingAttachment> Attachments { get; private set; } = [];

    /// <summary>Days a closed listing's certificates stay before housekeeping deletes them (0: for ever; null: a bad setting).</summary>
    public int? AttachmentRetentionDays => Housekeeping.BlobRetention.AttachmentDays(configuration);

    /// <summary>Why the last upload was refused, in the request's language, shown beside the file field.</summary>
    public string? AttachmentError { get; private set; }

    public UiText? AttachmentNotice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? token, string? step, CancellationToken cancellationToken)
    {
        ProtectSecret();
        Token = token ?? "";
        Listing = await listings.FindForManagerAsync(id, token, cancellationToken);
        if (Listing is null)
        {
            return NotFoundPage();
        }

        ConfirmingWithdrawal = step == "withdraw" && Listing.Status == ListingStatus.Open;
        Form = EditForm(ListingFormValues.FromListing(Listing), []);
        Attachments = await attachments.ListAsync(Listing.Id, cancellationToken);
        AttachmentNotice = Request.Query["attachment"].ToString() switch
        {
            "added" => Texts.AttachmentAdded,
            "deleted" => Texts.AttachmentDeleted,
            _ => null,
        };
        return Page();
    }

    /// <summary>
    /// The file field's form. The antiforgery check has already read the form (buffered to disk above 64 KiB, and
    /// Kestrel refuses bodies over 30 MB); the size and the type are decided here by <see cref="AttachmentCheck"/>, so a
    /// refused file gets its message beside the field and nothing is stored.
    /// </summary>
    public async Task<IActionResult> OnPostAttachmentAsync(string id, CancellationToken cancellationToken)
    {
        var form = await ReadManagedFormAsync(id, cancellationToken);
        if (form is null || Listing is null)
        {
            return NotFoundPage();
        }

        var language = PortalLanguage.From(HttpContext);
        var file = form.Files.GetFile(ListingAttachments.FileField);
        if (Listing.Status != ListingStatus.Open)
        {
            return Redirect(ManageUrl(Listing.Id, Token, saved: false));
        }

        FieldError? error = null;
        if (file is null || file.Length == 0)
        {
            error = AttachmentTexts.ErrorFor(file is null ? "no-file" : "empty");
        }
        else if (file.Length > Blobs.AttachmentCheck.MaxBytes)
        {
            error = AttachmentTexts.TooLarge;
        }
        else
        {
            var content = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(content, cancellationToken);
            }

            if (await attachments.AddAsync(Listing.Id, content, file.FileName, cancellationToken) is AttachmentUploadOutcome.Refused refused)
            {
                error = refused.Error;
            }
        }

        if (error is null)
        {
            return Redirect(ManageUrl(Listing.Id, Token, saved: false) + "&attachment=added#attachments-heading");
        }

        AttachmentError = error.Message(language);
        Attachments = await attachments.ListAsync(Listing.Id, cancellationToken);
        Form = EditForm(ListingFormValues.FromListing(Listing), []);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAttachmentAsync(string id, CancellationToken cancellationToken)
    {
        var form = await ReadManagedFormAsync(id, cancellationToken);
        if (form is null || Listing is null)
        {
            return NotFoundPage();
        }

        // Deleting twice (a reload, a second tab) ends in the same state: say "deleted" either way.
        await attachments.DeleteAsync(Listing.Id, form["attachmentId"].ToString(), cancellationToken);
        return Redirect(ManageUrl(Listing.Id, Token, saved: false) + "&attachment=deleted#attachments-heading");
    }

    public async Task<IActionResult> OnPostUpdateAsync(string id, CancellationToken cancellationToken)
    {
        var form = await ReadManagedFormAsync(id, cancellationToken);
        if (form is null || Listing is null)
        {
            return NotFoundPage();
        }

        var language = PortalLanguage.From(HttpContext);
        Attachments = await attachments.ListAsync(Listing.Id, cancellationToken);
        var (draft, errors) = ListingFormValues.Read(form, Listing.Side, catalog, time);
        if (errors.Any)
        {
            Form = EditForm(ListingFormValues.FromForm(form), ListingFormValues.Messages(errors, language));
            return Page();
        }

        switch (await listings.UpdateAsync(id, Token, draft, cancellationToken))
        {
            case ManageOutcome.Done done:
                // Post/redirect/get: a reload must not send the edit again.
                return Redirect(ManageUrl(done.Listing.Id, Token, saved: true));
            case ManageOutcome.Invalid invalid:
                Form = EditForm(ListingFormValues.FromForm(form), ListingFormValues.Messages(invalid.Errors, language));
                return Page();
            case ManageOutcome.Conflict:
                Listing = await listings.FindForManagerAsync(id, Token, cancellationToken) ?? Listing;
                Notice = Texts.ManageConflict;
                Form = EditForm(ListingFormValues.FromListing(Listing), []);
                return Page();
            case ManageOutcome.Closed closed:
                Listing = closed.Listing;
                Form = EditForm(ListingFormValues.FromListing(Listing), []);
                return Page();
            default:
                return NotFoundPage();
        }
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string id, CancellationToken cancellationToken)
    {
        ProtectSecret();
        var form = await Request.ReadFormAsync(cancellationToken);
        Token = form["token"].ToString();
        switch (await listings.WithdrawAsync(id, Token, cancellationToken))
        {
            case ManageOutcome.Done or ManageOutcome.Closed:
                return Redirect(ManageUrl(id, Token, saved: false) + "&withdrawn=1");
            case ManageOutcome.Conflict:
                return Redirect(ManageUrl(id, Token, saved: false) + "&step=withdraw");
            default:
                return NotFoundPage();
        }
    }

    public static string ManageUrl(string id, string token, bool saved) =>
        $"/manage/{Uri.EscapeDataString(id)}?token={Uri.EscapeDataString(token)}" + (saved ? "&saved=1" : "");

    private ListingForm EditForm(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> values, IReadOnlyList<FormMessage> errors) => new()
    {
        Side = Listing!.Side,
        Values = values,
        Errors = errors,
        Choices = CatalogChoices.ForForm(catalog, PortalLanguage.From(HttpContext)),
        SubmitLabel = Texts.SaveChanges,
        ManageToken = Token,
        // The token travels in the form body, not the URL, on the way back.
        Action = $"/manage/{Uri.EscapeDataString(Listing.Id)}?handler=Update",
    };

    /// <summary>
    /// The start of every POST that changes the listing: the token travels in the form body; it sets <see cref="Token"/>
    /// and <see cref="Listing"/> (null when the token does not open it) and returns the form.
    /// </summary>
    private async Task<IFormCollection?> ReadManagedFormAsync(string id, CancellationToken cancellationToken)
    {
        ProtectSecret();
        var form = await Request.ReadFormAsync(cancellationToken);
        Token = form["token"].ToString();
        Listing = await listings.FindForManagerAsync(id, Token, cancellationToken);
        return Listing is null ? null : form;
    }

    private PageResult NotFoundPage()
    {
        Listing = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>The URL is the key to the listing: keep it out of caches and out of Referer headers.</summary>
    private void ProtectSecret()
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
