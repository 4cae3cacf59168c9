using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResponsePortal.Pipeline;

/// <summary>
/// One unit of work: a queue name and a body. Body-only on purpose: Service Bus output bindings of an Azure Functions
/// custom handler carry nothing else, so no handler may rely on headers, ids or delivery counts.
/// </summary>
public sealed record WorkMessage(string Queue, string Body);

/// <summary>The queues of the match-and-notify pipeline (docs/pipeline.md). In Azure mode, one Service Bus queue each.</summary>
public static class Queues
{
    /// <summary>A listing was created or changed: match it (or withdraw its open proposals). Body: <see cref="MatchWork"/>.</summary>
    public const string Match = "match";

    /// <summary>Something happened to a match or listing that a party must hear about. Body: <see cref="NotifyWork"/>.</summary>
    public const string Notify = "notify";
}

/// <param name="ListingId">The listing that changed (one listing: the Service Bus path, one message per change).</param>
/// <param name="ListingIds">The listings that changed (several: the embedded store coalesces one commit's match work).</param>
public sealed record MatchWork(string? ListingId, IReadOnlyList<string>? ListingIds = null)
{
    /// <summary>Every listing this work is about.</summary>
    [JsonIgnore]
    public IEnumerable<string> Ids => ListingIds ?? (ListingId is null ? [] : [ListingId]);

    public static WorkMessage For(string listingId) =>
        new(Queues.Match, JsonSerializer.Serialize(new MatchWork(listingId), PipelineJsonContext.Default.MatchWork));

    /// <summary>One message for several listings (the matcher handles them as one batch).</summary>
    public static WorkMessage ForMany(IReadOnlyList<string> listingIds) =>
        new(Queues.Match, JsonSerializer.Serialize(new MatchWork(null, listingIds), PipelineJsonContext.Default.MatchWork));

    /// <summary>The work in <paramref name="body"/>; a body naming no listing is malformed (it fails, and dead-letters, visibly).</summary>
    public static MatchWork Parse(string body)
    {
        var work = JsonSerializer.Deserialize(body, PipelineJsonContext.Default.MatchWork);
        return work is not null && work.Ids.Any()
            ? work
            : throw new FormatException("Match work names no listing (neither listingId nor listingIds).");
    }
}

/// <param name="SubjectId">A match id, or a listing id for listing events (expiry reminder).</param>
/// <param name="Event">What happened: see <see cref="NotifyEvents"/>.</param>
public sealed record NotifyWork(string SubjectId, string Event)
{
    public static WorkMessage For(string subjectId, string notifyEvent) =>
        new(Queues.Notify, JsonSerializer.Serialize(new NotifyWork(subjectId, notifyEvent), PipelineJsonContext.Default.NotifyWork));

    public static NotifyWork Parse(string body) =>
        JsonSerializer.Deserialize(body, PipelineJsonContext.Default.NotifyWork) ?? throw new FormatException("Empty notify work body.");
}

public static class NotifyEvents
{
    /// <summary>A new match: both sides get accept and decline links.</summary>
    public const string Proposed = "proposed";

    /// <summary>Both accepted: both sides get the counterpart's contact details.</summary>
    public const string Accepted = "accepted";

    /// <summary>One side declined: both sides hear the match is off.</summary>
    public const string Declined = "declined";

    /// <summary>A listing was edited or withdrawn while matched: both sides hear the proposal is off.</summary>
    public const string Withdrawn = "withdrawn";

    /// <summary>A listing expired: both sides of its open proposals hear they are off.</summary>
    public const string Expired = "expired";

    /// <summary>Seven days before a listing expires: "still available / still needed?" to its poster (subject is the listing).</summary>
    public const string ExpiryReminder = "expiry-reminder";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MatchWork))]
[JsonSerializable(typeof(NotifyWork))]
internal sealed partial class PipelineJsonContext : JsonSerializerContext;
