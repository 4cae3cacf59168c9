using System.Text.Json;

namespace ResponsePortal.Functions;

/// <summary>
/// ListingChanged: the Cosmos DB change feed on <c>listings</c> turns into one <c>match</c> message per changed
/// listing. The body is the pipeline's match work (<c>{"listingId":"…"}</c>, see the pipeline branch's MatchWork):
/// body only, because an output binding carries nothing else, and the matcher is idempotent, so a batch the host
/// retries only repeats harmless work.
/// </summary>
public static class ListingChangedFunction
{
    public const string Name = "ListingChanged";

    /// <summary>The trigger's binding name in functions/ListingChanged/function.json.</summary>
    public const string DocumentsBinding = "documents";

    public const string MatchOutput = "match";

    public static FunctionResult Handle(FunctionInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var documents = invocation.Json(DocumentsBinding);
        if (documents.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"'{DocumentsBinding}' is a {documents.ValueKind}, not an array of documents.");
        }

        // A listing changed twice in one batch needs matching once.
        var ids = documents.EnumerateArray()
            .Select(d => d.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new FunctionResult()
            .Messages(MatchOutput, ids.Select(id => JsonSerializer.Serialize(new MatchBody(id), FunctionsJsonContext.Default.MatchBody)))
            .Log($"{ids.Count} changed listing(s) queued for matching");
    }
}

/// <summary>The wire shape of match work; replace with the pipeline's MatchWork.For once it is merged.</summary>
internal sealed record MatchBody(string ListingId);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(MatchBody))]
internal sealed partial class FunctionsJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
