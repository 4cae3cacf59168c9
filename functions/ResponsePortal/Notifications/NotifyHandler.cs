using System.Globalization;
using ResponsePortal.Catalog;
using ResponsePortal.Listings;
using ResponsePortal.Mail;
using ResponsePortal.Matching;
using ResponsePortal.Pipeline;
using ResponsePortal.Store;

namespace ResponsePortal.Notifications;

/// <summary>
/// The notify step: an e-mail to each side of a match (or to a listing's poster) in that side's language. Exactly once per
/// (subject, party, event): the notification is recorded under that key first; a key already marked sent is skipped; the
/// mail is written idempotently under the same key (pickup file name, Message-ID) and then marked sent. A retry after a
/// crash anywhere in between finds the file (pickup) and sends nothing new; see docs/pipeline.md for SMTP.
/// </summary>
public sealed class NotifyHandler(
    IMatchStore matches, IListingStore listings, IMailSender mail, ResponseLinks links, PortalCatalog catalog) : IWorkHandler
{
    public string Queue => Queues.Notify;

    public async Task<IReadOnlyList<WorkMessage>> HandleAsync(WorkMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var work = NotifyWork.Parse(message.Body);
        if (work.Event == NotifyEvents.ExpiryReminder)
        {
            var listing = await listings.FindAsync(work.SubjectId, cancellationToken).ConfigureAwait(false);
            if (listing is { Status: ListingStatus.Open })
            {
                // The expiry date is part of the key: a reconfirmed listing gets a reminder again before its new date.
                var key = $"{listing.Id}.poster.{work.Event}.{listing.ExpiresAt:yyyyMMdd}";
                await SendOnceAsync(key, listing.Id, "poster", work.Event, listing, Reminder(listing), cancellationToken).ConfigureAwait(false);
            }

            return [];
        }

        var match = await matches.FindAsync(work.SubjectId, cancellationToken).ConfigureAwait(false);
        if (match is null)
        {
            return [];
        }

        var offer = await listings.FindAsync(match.OfferId, cancellationToken).ConfigureAwait(false);
        var request = await listings.FindAsync(match.RequestId, cancellationToken).ConfigureAwait(false);
        if (offer is null || request is null)
        {
            return [];
        }

        // Both sides at once: their keys are independent, and the group-commit writer folds the two sides' commits into
        // shared fsyncs, so the second mail does not wait for the first one's three durable steps.
        await Task.WhenAll(new[] { MatchParty.Offer, MatchParty.Request }.Select(party =>
        {
            var (own, other) = party == MatchParty.Offer ? (offer, request) : (request, offer);
            var partyCode = MatchCodes.Of(party);
            var key = $"{match.Id}.{partyCode}.{work.Event}";
            var content = work.Event switch
            {
                NotifyEvents.Proposed => Proposed(match, partyCode, own, other),
                NotifyEvents.Accepted => Accepted(match, own, other),
                _ => Closed(match, work.Event, own, other),
            };
            return SendOnceAsync(key, match.Id, partyCode, work.Event, own, content, cancellationToken);
        })).ConfigureAwait(false);

        return [];
    }

    private async Task SendOnceAsync(string key, string subjectId, string party, string notifyEvent, Listing recipient, MailContent content, CancellationToken cancellationToken)
    {
        var alreadySent = await matches.BeginNotificationAsync(key, subjectId, party, notifyEvent, recipient.Contact.Email, cancellationToken).ConfigureAwait(false);
        if (alreadySent)
        {
            return;
        }

        var (text, html) = MailComposer.Render(content);
        await mail.SendAsync(new OutgoingMail(key, recipient.Contact.Email, recipient.Contact.Name, content.Subject, text, html, recipient.Language), cancellationToken)
            .ConfigureAwait(false);
        await matches.MarkNotificationSentAsync(key, cancellationToken).ConfigureAwait(false);
    }

    private string CategoryLabel(string category, string language) =>
        catalog.TryGetCategory(category, out var found) ? found.Label.For(language) : category;

    private static bool De(Listing listing) => listing.Language == "de";

    private static string Footer(Listing own) => De(own)
        ? "ResponsePortal: Angebot und Bedarf in der Krise. Sie erhalten diese Nachricht wegen Ihres Eintrags " + own.Id + "."
        : "ResponsePortal: crisis supply and demand. You receive this message because of your listing " + own.Id + ".";

    private MailContent Proposed(Match match, string party, Listing own, Listing other)
    {
        var de = De(own);
        var lang = own.Language;
        var what = CategoryLabel(other.Side == ListingSide.Offer ? other.Category : own.Category, lang);
        var quantity = string.Create(CultureInfo.InvariantCulture, $"{match.Quantity} {own.Unit}");
        var distance = match.Reason.DistanceKm.ToString("0.#", CultureInfo.InvariantCulture);
        var reason = match.Reason;
        var why = de
            ? $"Warum: Dringlichkeit {reason.Urgency}, Entfernung {distance} km" + (reason.CertificationsSatisfied.Count > 0 ? $", Zertifizierungen erfüllt: {string.Join(", ", reason.CertificationsSatisfied)}" : "")
              + (reason.SubstituteUsed ? $", Ersatzkategorie {CategoryLabel(reason.OfferCategory, lang)}" : "") + "."
            : $"Why: urgency {reason.Urgency}, distance {distance} km" + (reason.CertificationsSatisfied.Count > 0 ? $", certifications met: {string.Join(", ", reason.CertificationsSatisfied)}" : "")
              + (reason.SubstituteUsed ? $", substitute category {CategoryLabel(reason.OfferCategory, lang)}" : "") + ".";
        var accept = links.Create(match.Id, party, "accept", ResponseLinks.DefaultValidity);
        var decline = links.Create(match.Id, party, "decline", ResponseLinks.DefaultValidity);
        return de
            ? new MailContent($"Vorschlag: {quantity} {what} für „{own.Title}“",
                [$"Guten Tag {own.Contact.Name},", $"für Ihren Eintrag „{own.Title}“ haben wir einen passenden Partner gefunden: „{other.Title}“ von {other.Organisation.Name} ({other.Region}).",
                 $"Menge: {quantity}. Entfernung: {distance} km.", why,
                 "Bitte nehmen Sie den Vorschlag an oder lehnen Sie ihn ab. Die Kontaktdaten beider Seiten erhalten Sie, sobald beide angenommen haben. Die Links gelten 14 Tage und nur einmal."],
                [("Annehmen", accept), ("Ablehnen", decline)], Footer(own))
            : new MailContent($"Proposed match: {quantity} {what} for \"{own.Title}\"",
                [$"Hello {own.Contact.Name},", $"we found a match for your listing \"{own.Title}\": \"{other.Title}\" by {other.Organisation.Name} ({other.Region}).",
                 $"Quantity: {quantity}. Distance: {distance} km.", why,
                 "Please accept or decline. You receive each other's contact details once both sides have accepted. The links work once and for 14 days."],
                [("Accept", accept), ("Decline", decline)], Footer(own));
    }

    private static MailContent Accepted(Match match, Listing own, Listing other)
    {
        var contact = $"{other.Contact.Name}, {other.Organisation.Name}, {other.Contact.Email}" + (other.Contact.Phone is { } phone ? $", {phone}" : "");
        var quantity = string.Create(CultureInfo.InvariantCulture, $"{match.Quantity} {own.Unit}");
        return De(own)
            ? new MailContent($"Beide Seiten haben angenommen: „{own.Title}“",
                [$"Guten Tag {own.Contact.Name},", $"beide Seiten haben den Vorschlag über {quantity} angenommen („{own.Title}“ und „{other.Title}“).",
                 $"Ihr Ansprechpartner: {contact}.", "Bitte vereinbaren Sie Lieferung oder Einsatz direkt miteinander."], [], Footer(own))
            : new MailContent($"Both sides accepted: \"{own.Title}\"",
                [$"Hello {own.Contact.Name},", $"both sides accepted the match over {quantity} (\"{own.Title}\" and \"{other.Title}\").",
                 $"Your contact: {contact}.", "Please arrange delivery or deployment directly with each other."], [], Footer(own));
    }

    private static MailContent Closed(Match match, string notifyEvent, Listing own, Listing other)
    {
        var de = De(own);
        var why = notifyEvent switch
        {
            NotifyEvents.Declined => de ? "Eine Seite hat den Vorschlag abgelehnt." : "One side declined the match.",
            NotifyEvents.Expired => de ? "Ein Eintrag ist abgelaufen." : "A listing has expired.",
            _ => de ? "Ein Eintrag wurde geändert oder zurückgezogen." : "A listing was changed or withdrawn.",
        };
        var quantity = string.Create(CultureInfo.InvariantCulture, $"{match.Quantity} {own.Unit}");
        return de
            ? new MailContent($"Vorschlag hinfällig: „{own.Title}“",
                [$"Guten Tag {own.Contact.Name},", $"der Vorschlag über {quantity} zwischen „{own.Title}“ und „{other.Title}“ gilt nicht mehr. {why}",
                 "Offene Mengen werden automatisch neu zugeordnet."], [], Footer(own))
            : new MailContent($"Match called off: \"{own.Title}\"",
                [$"Hello {own.Contact.Name},", $"the match over {quantity} between \"{own.Title}\" and \"{other.Title}\" is off. {why}",
                 "Open quantities are matched again automatically."], [], Footer(own));
    }

    private MailContent Reminder(Listing listing)
    {
        var reconfirm = links.Create(listing.Id, "poster", "reconfirm", TimeSpan.FromDays(8));
        var withdraw = links.Create(listing.Id, "poster", "withdraw", TimeSpan.FromDays(8));
        var date = listing.ExpiresAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return De(listing)
            ? new MailContent(listing.Side == ListingSide.Offer ? $"Noch verfügbar? „{listing.Title}“" : $"Noch benötigt? „{listing.Title}“",
                [$"Guten Tag {listing.Contact.Name},", $"Ihr Eintrag „{listing.Title}“ läuft am {date} ab.",
                 "Bestätigen Sie ihn, damit er 30 Tage länger gilt, oder ziehen Sie ihn zurück."],
                [("Bestätigen", reconfirm), ("Zurückziehen", withdraw)], Footer(listing))
            : new MailContent(listing.Side == ListingSide.Offer ? $"Still available? \"{listing.Title}\"" : $"Still needed? \"{listing.Title}\"",
                [$"Hello {listing.Contact.Name},", $"your listing \"{listing.Title}\" expires on {date}.",
                 "Reconfirm it to keep it for 30 more days, or withdraw it."],
                [("Reconfirm", reconfirm), ("Withdraw", withdraw)], Footer(listing));
    }
}
