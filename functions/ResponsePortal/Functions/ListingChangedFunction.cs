using System.Text.Json;
using ResponsePortal.Pipeline;

namespace ResponsePortal.Functions;

/// <summary>
/// ListingChanged: the Cosmos DB change feed on <c>listings</c> turns into one <c>match</c> message per changed
/// listing. The body is the pipeline's match work (<see cref="MatchWork"/>):
/// body only, because an output binding carries nothing else, and the matcher is idempotent, so a batch the host
/// retries only repeats harmless work.
/// </summary>
public static class ListingChangedFunction
{
    public const string Name = "ListingChanged";

    public const string DocumentsBinding = ChangeFeedBatch.DocumentsBinding;

    public const string MatchOutput = Queues.Match;

    public static FunctionResult Handle(FunctionInvocation invocation)
    {
        // A listing changed twice in one batch needs matching once.
        var ids = ChangeFeedBatch.Documents(invocation)
            .Select(d => d.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new FunctionResult()
            .Messages(MatchOutput, ids.Select(id => MatchWork.For(id).Body))
            .Log($"{ids.Count} changed listing(s) queued for matching");
    }
}
