using System.Text.Json;

namespace ResponsePortal.Functions;

/// <summary>What a Cosmos DB trigger hands a custom handler: the changed documents, newest version of each, as an array.</summary>
public static class ChangeFeedBatch
{
    /// <summary>The trigger's binding name in functions/ListingChanged and functions/MatchChanged.</summary>
    public const string DocumentsBinding = "documents";

    public static IReadOnlyList<JsonElement> Documents(FunctionInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var documents = invocation.Json(DocumentsBinding);
        return documents.ValueKind == JsonValueKind.Array
            ? [.. documents.EnumerateArray()]
            : throw new FormatException($"'{DocumentsBinding}' is a {documents.ValueKind}, not an array of documents.");
    }
}
