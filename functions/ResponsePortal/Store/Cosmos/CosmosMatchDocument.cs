using System.Text.Json.Serialization;
using ResponsePortal.Matching;

namespace ResponsePortal.Store.Cosmos;

/// <summary>
/// One match in the <c>matches</c> container (partition key <c>/pk</c>, always <see cref="MatchPartition"/>, so every
/// match query is single-partition: docs/cosmos.md). The fields are the SQLite columns with the same codes
/// (<see cref="MatchCodes"/>: "proposed", "accepted-by-offer", …; closure reasons "no-supply-left", …), so dashboards
/// read the same values in both modes.
/// </summary>
/// <param name="Kind"><see cref="MatchKind"/> for matches; <see cref="RematchKind"/> for a rematch marker (see below).</param>
/// <param name="State">A <see cref="MatchCodes"/> state code.</param>
/// <param name="ClosureReason">A <see cref="MatchCodes"/> closure reason code; null while the match is open.</param>
/// <param name="UsedLinks">Response links used on this match: recorded in the same write as the answer they gave.</param>
/// <param name="Events">
/// Append-only: what happened to the match that causes work (<see cref="Pipeline.NotifyEvents"/> constants). The change
/// feed of <c>matches</c> turns every event into its messages (<see cref="CosmosMatchFeed.WorkFor"/>): Cosmos has no
/// outbox transaction, so the work a write causes travels inside the written document.
/// </param>
public sealed record CosmosMatchDocument(
    string Id,
    string Pk,
    string Kind,
    string OfferId,
    string RequestId,
    string OfferTerms,
    string RequestTerms,
    long Quantity,
    string State,
    string? ClosureReason,
    MatchReason? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string> UsedLinks,
    IReadOnlyList<CosmosMatchEvent> Events)
{
    /// <summary>The one partition key value of all match documents.</summary>
    public const string MatchPartition = "match";

    /// <summary>
    /// Rematch markers live in their own partition, so match queries never see them: a proposal clamped to nothing
    /// stores no match, yet (like SQLite) must queue match work for the side that still has quantity left.
    /// </summary>
    public const string RematchPartition = "rematch";

    public const string MatchKind = "match";

    public const string RematchKind = "rematch";
}

/// <param name="Event">A <see cref="Pipeline.NotifyEvents"/> constant, or <see cref="RematchEvent"/> for a marker.</param>
/// <param name="Rematch">
/// Listings to match again because of this event: the counterpart of a withdrawn or expired match, a side a clamped
/// proposal left with quantity. A decline implies both of its listings and does not list them.
/// </param>
public sealed record CosmosMatchEvent(
    string Event,
    DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Rematch = null)
{
    public const string RematchEvent = "rematch";
}
