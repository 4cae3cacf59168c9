using Microsoft.AspNetCore.Http.HttpResults;
using ResponsePortal.Accounts;
using ResponsePortal.Blobs;
using ResponsePortal.Hosting;
using ResponsePortal.Listings;
using ResponsePortal.Web;

namespace ResponsePortal.Attachments;

/// <summary>
/// Certificates of a listing (docs/attachments.md). The poster adds, lists and deletes them with the management token;
/// authorities and admins list and download them; the public view never mentions them.
/// </summary>
public static class AttachmentEndpoints
{
    /// <summary>Who may see certificates: they can carry a company's internal test data, so not every signed-in account.</summary>
    public static readonly string[] ViewerRoles = [RoleCodes.Of(PortalRole.Authority), RoleCodes.Of(PortalRole.Admin)];

    public static IServiceCollection AddAttachments(this IServiceCollection services) => services.AddSingleton<ListingAttachments>();

    public static RouteGroupBuilder MapAttachments(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Attachments");

        var manage = api.MapGroup("/manage/{id}/attachments");
        manage.MapPost("", Upload)
            .WithSummary($"Adds a certificate (needs the management token): multipart/form-data with the file in 'file', or the raw bytes "
                + $"with ?name=. PDF, PNG or JPEG recognised by content, at most {AttachmentCheck.MaxBytes / (1024 * 1024)} MiB, "
                + $"{ListingAttachments.MaxPerListing} per listing.")
            .Accepts<IFormFile>("multipart/form-data", "application/pdf", "image/png", "image/jpeg", "application/octet-stream")
            .Produces<ListingAttachment>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery();
        manage.MapGet("", ListForPoster).WithSummary("The listing's certificates (needs the management token).");
        manage.MapDelete("/{attachmentId}", Delete).WithSummary("Deletes one certificate (needs the management token).");

        var shown = api.MapGroup("/listings/{id}/attachments").RequireAuthorization(policy => policy.RequireRole(ViewerRoles));
        shown.MapGet("", ListForAuthority).WithSummary("The listing's certificates, for authorities and admins.");
        shown.MapGet("/{attachmentId}", Download)
            .WithSummary("Downloads one certificate with its recognised content type, as an attachment (authorities and admins).");
        return api;
    }

    private static async Task<IResult> Upload(string id, string? token, HttpContext http, ListingService listings, ListingAttachments attachments, CancellationToken ct)
    {
        var language = PortalLanguage.From(http);
        if (await listings.FindForManagerAsync(id, token, ct) is not { } listing)
        {
            return Problems.NotFound();
        }

        if (listing.Status != ListingStatus.Open)
        {
            return Problems.Status(StatusCodes.Status409Conflict, language,
                "The listing is withdrawn or expired: it takes no new attachments.",
                "Der Eintrag ist zurückgezogen oder abgelaufen: Er nimmt keine neuen Anhänge an.");
        }

        var upload = await AttachmentUpload.ReadAsync(http.Request, ct);
        switch (upload.Failure)
        {
            case "too-large":
                return Problems.Status(StatusCodes.Status413PayloadTooLarge, language, AttachmentTexts.TooLarge.En, AttachmentTexts.TooLarge.De);
            case "unreadable":
                return Problems.Status(StatusCodes.Status400BadRequest, language, "The request body could not be read.", "Der Inhalt der Anfrage konnte nicht gelesen werden.");
            case { } code:
                return Invalid(language, AttachmentTexts.ErrorFor(code));
        }

        return await attachments.AddAsync(listing.Id, upload.Content, upload.FileName, ct) switch
        {
            AttachmentUploadOutcome.Stored stored => TypedResults.Created($"/api/listings/{listing.Id}/attachments/{stored.Attachment.Id}", stored.Attachment),
            AttachmentUploadOutcome.Refused refused => Invalid(language, refused.Error),
            _ => throw new InvalidOperationException("Unknown upload outcome."),
        };
    }

    private static async Task<Results<Ok<ListingAttachment[]>, ProblemHttpResult>> ListForPoster(string id, string? token, ListingService listings, ListingAttachments attachments, CancellationToken ct) =>
        await listings.FindForManagerAsync(id, token, ct) is { } listing
            ? TypedResults.Ok(await List(attachments, listing.Id, ct))
            : Problems.NotFound();

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, string attachmentId, string? token, ListingService listings, ListingAttachments attachments, CancellationToken ct)
    {
        if (await listings.FindForManagerAsync(id, token, ct) is not { } listing || !await attachments.DeleteAsync(listing.Id, attachmentId, ct))
        {
            return Problems.NotFound();
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ListingAttachment[]>, ProblemHttpResult>> ListForAuthority(string id, ListingService listings, ListingAttachments attachments, CancellationToken ct) =>
        await listings.FindAsync(id, ct) is { } listing
            ? TypedResults.Ok(await List(attachments, listing.Id, ct))
            : Problems.NotFound();

    private static async Task<IResult> Download(string id, string attachmentId, HttpContext http, ListingService listings, ListingAttachments attachments, CancellationToken ct)
    {
        if (await listings.FindAsync(id, ct) is not { } listing || await attachments.GetAsync(listing.Id, attachmentId, ct) is not { } found)
        {
            return Problems.NotFound();
        }

        // Served as a download with the type the bytes were recognised as, and no sniffing: an uploaded file never
        // renders as a page of the portal's origin.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(found.Content.Data.ToArray(), found.Attachment.ContentType, found.Attachment.FileName);
    }

    private static async Task<ListingAttachment[]> List(ListingAttachments attachments, string listingId, CancellationToken ct) =>
        [.. await attachments.ListAsync(listingId, ct)];

    private static ValidationProblem Invalid(string language, FieldError error) => Problems.Validation(language, error.Field, error.En, error.De);
}
