using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ResponsePortal.Hosting;
using ResponsePortal.Store;
using ResponsePortal.Web;

namespace ResponsePortal.Listings;

/// <summary>The JSON API of shared/formats/api-listing.md: post, read, list and manage offers and requests.</summary>
public static class ListingEndpoints
{
    /// <summary>A listing is a few kilobytes; anything much larger is a mistake or an attack.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapListings(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Listings");
        MapSide(api, "offers", ListingSide.Offer);
        MapSide(api, "requests", ListingSide.Request);

        var manage = api.MapGroup("/manage/{id}").WithTags("Management");
        manage.MapGet("", GetManaged).WithSummary("The poster's view of a listing, contact included (needs the management token).");
        manage.MapPut("", Replace).WithSummary("Replaces an open listing's fields (needs the management token).")
            .Accepts<ListingSubmission>("application/json");
        manage.MapPost("/withdraw", Withdraw).WithSummary("Withdraws an open listing (needs the management token).");
        return api;
    }

    private static void MapSide(RouteGroupBuilder api, string path, ListingSide side)
    {
        var group = api.MapGroup("/" + path);
        var noun = side == ListingSide.Offer ? "offer (supply)" : "request (shortage)";
        group.MapPost("", (HttpContext http, ListingService service, IOptions<PortalOptions> options, CancellationToken ct) => Create(http, service, options.Value, side, path, ct))
            .WithSummary($"Posts an {noun}. Idempotency-Key header: a retry returns the first answer.")
            .Accepts<ListingSubmission>("application/json")
            .Produces<ListingCreatedView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}", (string id, ListingService service, CancellationToken ct) => GetPublic(id, side, service, ct))
            .WithSummary($"The public view of an {noun}: never the contact's e-mail or phone.");
        group.MapGet("", (HttpContext http, ListingService service, CancellationToken ct) => List(http, side, service, ct))
            .WithSummary($"Open {path}, newest first. Filters: category, region (NUTS prefix), type; paging: page, pageSize (max 100).");
    }

    private static async Task<IResult> Create(HttpContext http, ListingService service, PortalOptions options, ListingSide side, string path, CancellationToken ct)
    {
        var language = PortalLanguage.From(http);
        var body = await RequestBody.ReadJsonAsync(http.Request, MaxBodyBytes, language, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        IdempotencyClaim? idempotency = null;
        if (http.Request.Headers.TryGetValue("Idempotency-Key", out var keys))
        {
            var key = keys.ToString();
            if (keys.Count != 1 || key.Length is 0 or > 200 || key.Any(c => c is < '!' or > '~'))
            {
                return Problems.Validation(language, "Idempotency-Key",
                    "Send one Idempotency-Key of 1 to 200 visible ASCII characters, for example a UUID.",
                    "Senden Sie einen Idempotency-Key aus 1 bis 200 sichtbaren ASCII-Zeichen, zum Beispiel eine UUID.");
            }

            idempotency = new IdempotencyClaim(key, Convert.ToHexStringLower(SHA256.HashData(body.Bytes.Span)));
        }

        var (draft, readErrors) = ListingJsonReader.Read(body.Bytes);
        if (readErrors.Any)
        {
            return Problems.Validation(language, readErrors);
        }

        var outcome = await service.CreateAsync(side, draft with { Language = draft.Language ?? language }, idempotency, ct);
        switch (outcome)
        {
            case CreateListingOutcome.Created created:
                if (created.Replayed)
                {
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                }

                var manageUrl = $"{PublicBase(http, options)}/manage/{created.Listing.Id}?token={created.ManageToken}";
                return new SizedJsonResult<ListingCreatedView>(StatusCodes.Status201Created,
                    new ListingCreatedView(created.Listing.Id, ListingCodes.Of(created.Listing.Status), manageUrl),
                    location: $"/api/{path}/{created.Listing.Id}");
            case CreateListingOutcome.Invalid invalid:
                return Problems.Validation(language, invalid.Errors);
            default:
                return Problems.Status(StatusCodes.Status422UnprocessableEntity, language,
                    "This Idempotency-Key was already used for a different request. Use a new key for a new listing.",
                    "Dieser Idempotency-Key wurde schon für eine andere Anfrage verwendet. Verwenden Sie für einen neuen Eintrag einen neuen Schlüssel.");
        }
    }

    private static async Task<Results<Ok<PublicListingView>, ProblemHttpResult>> GetPublic(string id, ListingSide side, ListingService service, CancellationToken ct)
    {
        var listing = await service.FindAsync(id, ct);
        return listing is not null && listing.Side == side
            ? TypedResults.Ok(PublicListingView.From(listing))
            : Problems.NotFound();
    }

    private static async Task<IResult> List(HttpContext http, ListingSide side, ListingService service, CancellationToken ct)
    {
        var language = PortalLanguage.From(http);
        var (query, errors) = ListingQueryReader.Read(http.Request.Query, side);
        if (errors.Any)
        {
            return Problems.Validation(language, errors);
        }

        var page = await service.QueryAsync(query, ct);
        return TypedResults.Ok(new ListingPageView([.. page.Items.Select(PublicListingView.From)], page.Page, page.PageSize, page.Total));
    }

    private static async Task<Results<Ok<ManagedListingView>, ProblemHttpResult>> GetManaged(string id, string? token, ListingService service, CancellationToken ct)
    {
        var listing = await service.FindForManagerAsync(id, token, ct);
        return listing is null ? Problems.NotFound() : TypedResults.Ok(ManagedListingView.From(listing));
    }

    private static async Task<IResult> Replace(string id, string? token, HttpContext http, ListingService service, CancellationToken ct)
    {
        var language = PortalLanguage.From(http);
        var body = await RequestBody.ReadJsonAsync(http.Request, MaxBodyBytes, language, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var (draft, readErrors) = ListingJsonReader.Read(body.Bytes);
        if (readErrors.Any)
        {
            return Problems.Validation(language, readErrors);
        }

        return ManageResult(await service.UpdateAsync(id, token, draft with { Language = draft.Language ?? language }, ct), language);
    }

    private static async Task<IResult> Withdraw(string id, string? token, HttpContext http, ListingService service, CancellationToken ct) =>
        ManageResult(await service.WithdrawAsync(id, token, ct), PortalLanguage.From(http));

    private static IResult ManageResult(ManageOutcome outcome, string language) => outcome switch
    {
        ManageOutcome.Done done => TypedResults.Ok(ManagedListingView.From(done.Listing)),
        ManageOutcome.Invalid invalid => Problems.Validation(language, invalid.Errors),
        ManageOutcome.Conflict => Problems.Status(StatusCodes.Status409Conflict, language,
            "The listing was changed meanwhile. Load it again and repeat your change.",
            "Der Eintrag wurde inzwischen geändert. Laden Sie ihn neu und wiederholen Sie Ihre Änderung."),
        ManageOutcome.Closed => Problems.Status(StatusCodes.Status409Conflict, language,
            "The listing is withdrawn or expired and can no longer be changed.",
            "Der Eintrag ist zurückgezogen oder abgelaufen und kann nicht mehr geändert werden."),
        _ => Problems.NotFound(),
    };

    private static string PublicBase(HttpContext http, PortalOptions options) =>
        string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}"
            : options.PublicBaseUrl.TrimEnd('/');
}
