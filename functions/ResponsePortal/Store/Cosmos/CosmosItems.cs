using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Azure.Cosmos;

namespace ResponsePortal.Store.Cosmos;

/// <summary>A document as read, with the ETag that a conditional replace or delete needs.</summary>
internal sealed record Stored<T>(T Document, string ETag);

/// <summary>
/// The few stream-API calls the state adapters (accounts, bulk uploads, dashboard) share: source-generated JSON in and
/// out, no Newtonsoft on the data path, and single-partition queries by optimistic direct execution (the npm emulator
/// cannot plan queries, and in Azure it saves the query-plan round trip).
/// </summary>
internal static class CosmosItems
{
    public static ItemRequestOptions NoContent => new() { EnableContentResponseOnWrite = false };

    public static MemoryStream Write<T>(T document, JsonTypeInfo<T> type)
    {
        var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, document, type);
        stream.Position = 0;
        return stream;
    }

    public static async Task<Stored<T>?> ReadAsync<T>(Container container, string id, string partition, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await container.ReadItemStreamAsync(id, new PartitionKey(partition), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var document = await JsonSerializer.DeserializeAsync(response.Content, type, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"Document '{id}' in {container.Id} was null.");
        return new Stored<T>(document, response.Headers.ETag);
    }

    /// <summary>Creates the document; false when its id exists already (409), so callers can settle races.</summary>
    public static async Task<bool> TryCreateAsync<T>(Container container, T document, string partition, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var content = Write(document, type);
        using var response = await container.CreateItemStreamAsync(content, new PartitionKey(partition), NoContent, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>Replaces the document if it still has <paramref name="etag"/> (null: unconditionally); false on 412 or 404.</summary>
    public static async Task<bool> TryReplaceAsync<T>(Container container, string id, T document, string partition, string? etag, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var content = Write(document, type);
        var options = new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false };
        using var response = await container.ReplaceItemStreamAsync(content, id, new PartitionKey(partition), options, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>Deletes the document (only if it still has <paramref name="etag"/>, when given); false when it was gone or changed.</summary>
    public static async Task<bool> TryDeleteAsync(Container container, string id, string partition, string? etag, CancellationToken cancellationToken)
    {
        var options = new ItemRequestOptions { IfMatchEtag = etag };
        using var response = await container.DeleteItemStreamAsync(id, new PartitionKey(partition), options, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>The documents of a single-partition query, page by page as the service sends them.</summary>
    public static async IAsyncEnumerable<JsonElement> QueryAsync(
        Container container, QueryDefinition query, string partition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new QueryRequestOptions { PartitionKey = new PartitionKey(partition), MaxItemCount = -1, EnableOptimisticDirectExecution = true };
        using var iterator = container.GetItemQueryStreamIterator(query, continuationToken: null, options);
        while (iterator.HasMoreResults)
        {
            using var response = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var json = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var document in json.RootElement.GetProperty("Documents").EnumerateArray())
            {
                yield return document.Clone();
            }
        }
    }

    public static async Task<List<T>> QueryListAsync<T>(
        Container container, QueryDefinition query, string partition, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var documents = new List<T>();
        await foreach (var element in QueryAsync(container, query, partition, cancellationToken).ConfigureAwait(false))
        {
            documents.Add(element.Deserialize(type) ?? throw new InvalidDataException($"A document in {container.Id} was null."));
        }

        return documents;
    }
}
