using System.Security.Cryptography;
using System.Text;
using ResponsePortal.Listings;

namespace ResponsePortal.Matching;

/// <summary>
/// proposed -> accepted-by-offer / accepted-by-request -> accepted -> completed; or, from any open state,
/// declined (a party said no), withdrawn (a listing changed or was withdrawn) or expired (a listing ran out).
/// </summary>
public enum MatchState { Proposed, AcceptedByOffer, AcceptedByRequest, Accepted, Completed, Declined, Withdrawn, Expired }

/// <summary>Why a match ended, for the authorities' dashboards.</summary>
public enum ClosureReason { NoSupplyLeft, NoReply, PrefersAnother, Delivered }

public enum MatchParty { Offer, Request }

/// <summary>Why the engine paired the two listings: what the e-mails explain.</summary>
public sealed record MatchReason(
    double DistanceKm,
    string Urgency,
    IReadOnlyList<string> CertificationsSatisfied,
    bool SubstituteUsed,
    string OfferCategory,
    double ValuePerUnit,
    IReadOnlyList<string> SkillsMatched);

/// <param name="OfferTerms">Hash of the offer's matching-relevant fields when the match was made.</param>
public sealed record Match(
    string Id,
    string OfferId,
    string RequestId,
    string OfferTerms,
    string RequestTerms,
    long Quantity,
    MatchState State,
    ClosureReason? ClosureReason,
    MatchReason Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>States that hold quantity: the offer's and the request's remaining quantities exclude these.</summary>
    public static readonly IReadOnlyList<MatchState> Holding =
        [MatchState.Proposed, MatchState.AcceptedByOffer, MatchState.AcceptedByRequest, MatchState.Accepted, MatchState.Completed];

    /// <summary>States a party can still answer, and that a listing change or expiry closes.</summary>
    public static readonly IReadOnlyList<MatchState> Open = [MatchState.Proposed, MatchState.AcceptedByOffer, MatchState.AcceptedByRequest];

    public bool IsOpen => Open.Contains(State);

    public string ListingOf(MatchParty party) => party == MatchParty.Offer ? OfferId : RequestId;
}

/// <summary>A proposal the matcher wants to store; the store re-checks remaining quantities when it commits.</summary>
public sealed record ProposedMatch(string OfferId, string RequestId, string OfferTerms, string RequestTerms, long Quantity, MatchReason Reason)
{
    public string Id => MatchIds.For(OfferId, RequestId, OfferTerms, RequestTerms);
}

public static class MatchIds
{
    /// <summary>
    /// Deterministic: the same offer and request on the same terms always give the same id, so re-running the matcher
    /// inserts nothing twice. The terms are part of it so a pair can be proposed again after an edit changed them.
    /// </summary>
    public static string For(string offerId, string requestId, string offerTerms, string requestTerms)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{offerId}|{requestId}|{offerTerms}|{requestTerms}"));
        return "m-" + Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }

    /// <summary>Hash of every field the allocation depends on; a change of title or contact leaves it alone.</summary>
    public static string TermsOf(Listing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var text = string.Join('|',
            listing.Category, listing.Quantity, listing.Lat, listing.Lon, listing.RadiusKm, listing.AvailableFrom, listing.NeededBy,
            listing.Urgency, string.Join(',', listing.Certifications), string.Join(',', listing.Skills), listing.Period?.From, listing.Period?.Until,
            listing.Type);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
    }
}

public static class MatchCodes
{
    public static string Of(MatchState state) => state switch
    {
        MatchState.Proposed => "proposed",
        MatchState.AcceptedByOffer => "accepted-by-offer",
        MatchState.AcceptedByRequest => "accepted-by-request",
        MatchState.Accepted => "accepted",
        MatchState.Completed => "completed",
        MatchState.Declined => "declined",
        MatchState.Withdrawn => "withdrawn",
        _ => "expired",
    };

    public static string Of(ClosureReason reason) => reason switch
    {
        ClosureReason.NoSupplyLeft => "no-supply-left",
        ClosureReason.NoReply => "no-reply",
        ClosureReason.PrefersAnother => "prefers-another",
        _ => "delivered",
    };

    public static string Of(MatchParty party) => party == MatchParty.Offer ? "offer" : "request";

    public static MatchParty? ParseParty(string? text) => text switch
    {
        "offer" => MatchParty.Offer,
        "request" => MatchParty.Request,
        _ => null,
    };
}
