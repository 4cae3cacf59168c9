using ResponsePortal.Listings;

namespace ResponsePortal.Matching;

/// <summary>An open listing and how much of it no match holds yet.</summary>
public sealed record OpenListing(Listing Listing, long Remaining);

/// <summary>What the matcher allocates over: open listings with something left, and pairs a party declined.</summary>
public sealed record MatchCandidates(IReadOnlyList<OpenListing> Listings, IReadOnlySet<(string OfferId, string RequestId)> DeclinedPairs);

/// <param name="Around">A changed listing whose partners are wanted.</param>
/// <param name="PartnerCategories">Categories on the other side it can pair with (same category or an allowed substitute).</param>
public sealed record CandidateSearch(Listing Around, IReadOnlyCollection<string> PartnerCategories);

/// <param name="OpenMatchTerms">The terms of the listing's open matches; null when it has none.</param>
public sealed record ChangedListingHead(string Id, ListingSide Side, ListingStatus Status, string Category, IReadOnlySet<string>? OpenMatchTerms);

public enum RespondAction { Accept, Decline }

public abstract record RespondOutcome
{
    private RespondOutcome() { }

    public sealed record Done(Match Match) : RespondOutcome;

    public sealed record NotFound : RespondOutcome;

    /// <summary>This link was used before.</summary>
    public sealed record AlreadyUsed : RespondOutcome;

    /// <summary>The match is no longer open (declined, withdrawn, expired, or already decided).</summary>
    public sealed record Closed(Match Match) : RespondOutcome;
}

/// <summary>
/// Matches and the notifications about them: part of the store port. Every write that changes a match also makes the
/// notify work it causes durable with it: embedded, queued in the same SQLite transaction; on Azure, recorded as an
/// event in the match document itself, which the matches container's change feed turns into messages (decision 0008).
/// </summary>
public interface IMatchStore
{
    /// <summary>
    /// For each search: the listing itself and the open listings of the other side, in its partner categories, that lie
    /// within reach (an offer's delivery radius), each with a positive remaining quantity; and the declined pairs among
    /// them. "Within reach" may over-approximate (a bounding box): the allocation engine applies the exact rules.
    /// </summary>
    Task<MatchCandidates> LoadCandidatesAsync(IReadOnlyList<CandidateSearch> searches, CancellationToken cancellationToken);

    /// <summary>
    /// Stores each proposal whose listings are both still open on the proposal's terms when it is stored, its quantity
    /// clamped to what then remains on both sides, so parallel matchers never over-allocate (embedded: all in one
    /// transaction; Azure: proposal by proposal, docs/cosmos.md). A proposal's id names its pair: when a match with that
    /// id exists already (an earlier round of the pair, or the same proposal delivered again), it is stored under the
    /// pair's next free id (id-2, id-3, …): a pair takes more while both sides have quantity left, and a repeat that
    /// finds nothing left stores nothing. A proposal cut short queues match work for each of its sides that still has
    /// quantity left; one clamped to nothing stores no match. On Azure a proposal may also store nothing where SQLite
    /// would store the next round (it lost a race for the same id, or took too long), and a match whose listing changed
    /// while it was being stored is withdrawn at once (docs/decisions/0008). Returns the matches stored and still proposed.
    /// </summary>
    Task<IReadOnlyList<Match>> ProposeAsync(IReadOnlyList<ProposedMatch> proposals, CancellationToken cancellationToken);

    /// <summary>
    /// Closes the listing's open matches (all of them, or those made on other terms than <paramref name="currentTerms"/>)
    /// with <paramref name="state"/> and <paramref name="reason"/>, and queues a notification for each. Returns how many.
    /// </summary>
    Task<int> CloseOpenMatchesAsync(string listingId, string? currentTerms, MatchState state, ClosureReason reason, CancellationToken cancellationToken);

    /// <summary>
    /// One read: for each of <paramref name="listingIds"/> that exists (once, in the order asked), its side, status and
    /// category (the columns, without reading the whole listing) and, when it has open matches, the terms (of its side)
    /// they were made on. Lets the matcher skip <see cref="CloseOpenMatchesAsync"/>, a write, when there is nothing to
    /// close, and skip reading listings that have nothing to close and no partner. Both come from one snapshot: a match on
    /// terms the listing no longer has was committed before the change (the store refuses proposals on stale terms), so
    /// the snapshot that shows the change shows the match.
    /// </summary>
    Task<IReadOnlyList<ChangedListingHead>> ReadChangedAsync(IReadOnlyCollection<string> listingIds, CancellationToken cancellationToken);

    /// <summary>Whether any open, unexpired listing of <paramref name="side"/> is in one of <paramref name="categories"/>.</summary>
    Task<bool> AnyOpenListingAsync(ListingSide side, IReadOnlyCollection<string> categories, CancellationToken cancellationToken);

    Task<Match?> FindAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Match>> ListForListingAsync(string listingId, CancellationToken cancellationToken);

    /// <summary>
    /// A party's answer through a signed link, applied once: <paramref name="linkId"/> is recorded as used in the same
    /// transaction. Both accepted -> accepted and a notification with contact details; a decline frees the quantities,
    /// notifies both sides and queues match work for both listings.
    /// </summary>
    Task<RespondOutcome> RespondAsync(string matchId, MatchParty party, RespondAction action, string linkId, CancellationToken cancellationToken);

    /// <summary>Marks a single-use link as used; false when it was used before.</summary>
    Task<bool> UseLinkAsync(string linkId, CancellationToken cancellationToken);

    /// <summary>Records an e-mail about to be sent (once per key); returns true when it was already sent.</summary>
    Task<bool> BeginNotificationAsync(string key, string subjectId, string party, string notifyEvent, string recipient, CancellationToken cancellationToken);

    Task MarkNotificationSentAsync(string key, CancellationToken cancellationToken);
}
