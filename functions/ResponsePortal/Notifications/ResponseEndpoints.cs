using System.Net;
using System.Text;
using ResponsePortal.Listings;
using ResponsePortal.Matching;
using ResponsePortal.Store;
using ResponsePortal.Web;

namespace ResponsePortal.Notifications;

/// <summary>
/// The targets of the links in e-mails. GET only shows a confirmation page with a button (mail scanners and link
/// previews fetch links, and must not accept a match); the POST does the action, once.
/// </summary>
public static class ResponseEndpoints
{
    public static IEndpointRouteBuilder MapResponseLinks(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/respond/{id}", Confirm).ExcludeFromDescription();
        routes.MapPost("/respond/{id}", Act).ExcludeFromDescription().DisableAntiforgery();
        return routes;
    }

    private static IResult Confirm(string id, HttpContext http, ResponseLinks links)
    {
        var de = PortalLanguage.From(http) == "de";
        var query = http.Request.Query;
        var signed = links.Verify(id, query["party"], query["action"], query["exp"], query["sig"]);
        if (signed is null)
        {
            return Page(StatusCodes.Status404NotFound, de ? "Link ungültig oder abgelaufen" : "Link invalid or expired", null, null);
        }

        var label = (signed.Action, de) switch
        {
            ("accept", true) => "Vorschlag annehmen",
            ("accept", false) => "Accept the match",
            ("decline", true) => "Vorschlag ablehnen",
            ("decline", false) => "Decline the match",
            ("reconfirm", true) => "Eintrag bestätigen",
            ("reconfirm", false) => "Reconfirm the listing",
            (_, true) => "Eintrag zurückziehen",
            _ => "Withdraw the listing",
        };
        return Page(StatusCodes.Status200OK, label, http.Request.Path + http.Request.QueryString, label);
    }

    private static async Task<IResult> Act(string id, HttpContext http, ResponseLinks links, IMatchStore matches, IListingStore listings, TimeProvider time, CancellationToken ct)
    {
        var de = PortalLanguage.From(http) == "de";
        var query = http.Request.Query;
        var signed = links.Verify(id, query["party"], query["action"], query["exp"], query["sig"]);
        if (signed is null)
        {
            return Page(StatusCodes.Status404NotFound, de ? "Link ungültig oder abgelaufen" : "Link invalid or expired", null, null);
        }

        if (signed.Party == "poster")
        {
            return await ActOnListing(signed, de, matches, listings, time, ct);
        }

        var party = MatchCodes.ParseParty(signed.Party);
        RespondAction? action = signed.Action switch { "accept" => RespondAction.Accept, "decline" => RespondAction.Decline, _ => null };
        if (party is null || action is null)
        {
            return Page(StatusCodes.Status404NotFound, de ? "Link ungültig" : "Link invalid", null, null);
        }

        return await matches.RespondAsync(id, party.Value, action.Value, signed.LinkId, ct) switch
        {
            RespondOutcome.Done done => Page(StatusCodes.Status200OK, (done.Match.State, de) switch
            {
                (MatchState.Accepted, true) => "Beide Seiten haben angenommen: Sie erhalten die Kontaktdaten per E-Mail.",
                (MatchState.Accepted, false) => "Both sides accepted: you will receive the contact details by e-mail.",
                (MatchState.Declined, true) => "Abgelehnt. Ihre Menge wird neu zugeordnet.",
                (MatchState.Declined, false) => "Declined. Your quantity will be matched again.",
                (_, true) => "Angenommen. Wir warten auf die andere Seite.",
                _ => "Accepted. We are waiting for the other side.",
            }, null, null),
            RespondOutcome.AlreadyUsed => Page(StatusCodes.Status409Conflict, de ? "Dieser Link wurde schon benutzt." : "This link was used already.", null, null),
            RespondOutcome.Closed => Page(StatusCodes.Status410Gone, de ? "Dieser Vorschlag gilt nicht mehr." : "This match is no longer open.", null, null),
            _ => Page(StatusCodes.Status404NotFound, de ? "Kein solcher Vorschlag." : "No such match.", null, null),
        };
    }

    private static async Task<IResult> ActOnListing(SignedAction signed, bool de, IMatchStore matches, IListingStore listings, TimeProvider time, CancellationToken ct)
    {
        var listing = await listings.FindAsync(signed.SubjectId, ct);
        if (listing is null || signed.Action is not ("reconfirm" or "withdraw"))
        {
            return Page(StatusCodes.Status404NotFound, de ? "Kein solcher Eintrag." : "No such listing.", null, null);
        }

        if (listing.Status != ListingStatus.Open)
        {
            return Page(StatusCodes.Status410Gone, de ? "Dieser Eintrag ist nicht mehr offen." : "This listing is no longer open.", null, null);
        }

        if (!await matches.UseLinkAsync(signed.LinkId, ct))
        {
            return Page(StatusCodes.Status409Conflict, de ? "Dieser Link wurde schon benutzt." : "This link was used already.", null, null);
        }

        var now = time.GetUtcNow();
        var changed = signed.Action == "reconfirm"
            ? listing with { ExpiresAt = DateOnly.FromDateTime(now.UtcDateTime).AddDays(30) > listing.ExpiresAt ? DateOnly.FromDateTime(now.UtcDateTime).AddDays(30) : listing.ExpiresAt, UpdatedAt = now }
            : listing with { Status = ListingStatus.Withdrawn, UpdatedAt = now };
        var saved = await listings.UpdateAsync(changed, listing.Version, ct);
        if (saved is null)
        {
            return Page(StatusCodes.Status409Conflict, de ? "Der Eintrag wurde gerade geändert; bitte erneut versuchen." : "The listing changed meanwhile; please try again.", null, null);
        }

        return Page(StatusCodes.Status200OK, signed.Action == "reconfirm"
            ? (de ? $"Bestätigt: gültig bis {saved.ExpiresAt:yyyy-MM-dd}." : $"Reconfirmed: open until {saved.ExpiresAt:yyyy-MM-dd}.")
            : (de ? "Zurückgezogen." : "Withdrawn."), null, null);
    }

    private static IResult Page(int status, string message, string? formAction, string? button)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>ResponsePortal</title></head><body><main><h1>")
            .Append(WebUtility.HtmlEncode(message)).Append("</h1>");
        if (formAction is not null && button is not null)
        {
            html.Append("<form method=\"post\" action=\"").Append(WebUtility.HtmlEncode(formAction)).Append("\"><button type=\"submit\">")
                .Append(WebUtility.HtmlEncode(button)).Append("</button></form>");
        }

        html.Append("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
