using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace ResponsePortal.Tests.Emulators;

/// <summary>What a Cosmos DB change feed trigger would be handed: the latest version of every changed document.</summary>
public static class ChangeFeed
{
    /// <summary>From the beginning, as the trigger's first run sees it; callers that poll skip versions already seen.</summary>
    public static async Task<List<JsonElement>> ReadAllAsync(Container container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var documents = new List<JsonElement>();
        using var iterator = container.GetChangeFeedStreamIterator(ChangeFeedStartFrom.Beginning(), ChangeFeedMode.LatestVersion);
        while (iterator.HasMoreResults)
        {
            using var response = await iterator.ReadNextAsync();
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                break;
            }

            response.EnsureSuccessStatusCode();
            using var page = await JsonDocument.ParseAsync(response.Content);
            documents.AddRange(page.RootElement.GetProperty("Documents").EnumerateArray().Select(d => d.Clone()));
        }

        return documents;
    }
}
