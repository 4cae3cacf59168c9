using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using ResponsePortal.Functions;
using ResponsePortal.Pipeline;
using ResponsePortal.Store.Cosmos;
using ResponsePortal.Tests.Emulators;

namespace ResponsePortal.Tests.Functions;

/// <summary>
/// Plays what the Azure Functions host and Service Bus do around the portal app, which cannot run here: polls the
/// change feeds of <c>listings</c> and <c>matches</c> and hands each batch to /ListingChanged and /MatchChanged,
/// carries their Outputs as Service Bus messages to /MatchListing and /NotifyMatch one at a time (in the host's payload
/// shape: the body JSON-encoded twice, DeliveryCount in Metadata), redelivers a message whose invocation failed and
/// dead-letters it after <see cref="MaxDeliveryCount"/> deliveries, as infra/modules/servicebus.bicep configures.
/// A change feed batch whose invocation failed is offered again (the trigger does not advance its lease).
/// </summary>
public sealed class FunctionsHostPlayer(HttpClient app, Database database)
{
    /// <summary>maxDeliveryCount in infra/modules/servicebus.bicep.</summary>
    public const int MaxDeliveryCount = 10;

    private static readonly Dictionary<string, string> TriggeredBy = new(StringComparer.Ordinal)
    {
        [Queues.Match] = PipelineFunctions.MatchListing,
        [Queues.Notify] = PipelineFunctions.NotifyMatch,
    };

    private readonly Queue<ServiceBusMessage> _queue = new();

    // The change feed's position, as the trigger's lease keeps it: the version (etag) of each document already delivered.
    private readonly Dictionary<string, string> _delivered = new(StringComparer.Ordinal);

    public List<ServiceBusMessage> DeadLetters { get; } = [];

    /// <summary>Invocations per function, for assertions about retries.</summary>
    public Dictionary<string, int> Invocations { get; } = new(StringComparer.Ordinal);

    /// <summary>Puts a message on a queue as another sender would (a test's poisoned message, say).</summary>
    public void Send(string queue, string body) => _queue.Enqueue(new ServiceBusMessage(queue, body, 0));

    /// <summary>Fires a timer function once, queues what it sends, and returns its log lines.</summary>
    public async Task<string> TimerAsync(string function)
    {
        using var response = await InvokeAsync(function, "timer", """{"Schedule":{"AdjustForDST":true},"IsPastDue":false}""", deliveryCount: null);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{function} answered {response.StatusCode}: {text}");
        }

        await EnqueueOutputsAsync(response);
        using var answer = JsonDocument.Parse(text);
        return string.Join("\n", answer.RootElement.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()));
    }

    /// <summary>Runs triggers until no change feed has anything new and every queue is empty.</summary>
    public async Task RunUntilQuietAsync(int maxRounds = 200)
    {
        for (var round = 0; round < maxRounds; round++)
        {
            var fed = await FeedAsync(CosmosContainers.Listings, ListingChangedFunction.Name)
                | await FeedAsync(CosmosContainers.Matches, MatchChangedFunction.Name);
            if (!fed && _queue.Count == 0)
            {
                return;
            }

            // Drain what is queued now; what the handlers send goes to the back, behind the feeds' next batches.
            for (var pending = _queue.Count; pending > 0; pending--)
            {
                await DeliverAsync(_queue.Dequeue());
            }
        }

        throw new InvalidOperationException($"The pipeline did not come to rest within {maxRounds} rounds.");
    }

    private async Task<bool> FeedAsync(string container, string function)
    {
        var changed = (await ChangeFeed.ReadAllAsync(database.GetContainer(container)))
            .Where(d => !_delivered.TryGetValue(Key(container, d), out var etag) || etag != d.GetProperty("_etag").GetString())
            .ToList();
        if (changed.Count == 0)
        {
            return false;
        }

        using var response = await InvokeAsync(function, ChangeFeedBatch.DocumentsBinding, JsonSerializer.Serialize(changed), deliveryCount: null);
        if (response.IsSuccessStatusCode)
        {
            foreach (var document in changed)
            {
                _delivered[Key(container, document)] = document.GetProperty("_etag").GetString()!;
            }

            await EnqueueOutputsAsync(response);
        }

        return true;
    }

    private async Task DeliverAsync(ServiceBusMessage message)
    {
        var delivery = message with { DeliveryCount = message.DeliveryCount + 1 };
        using var response = await InvokeAsync(TriggeredBy[message.Queue], PipelineFunctions.MessageBinding, JsonSerializer.Serialize(message.Body), delivery.DeliveryCount);
        if (response.IsSuccessStatusCode)
        {
            await EnqueueOutputsAsync(response);
        }
        else if (delivery.DeliveryCount >= MaxDeliveryCount)
        {
            DeadLetters.Add(delivery);
        }
        else
        {
            _queue.Enqueue(delivery);
        }
    }

    private async Task EnqueueOutputsAsync(HttpResponseMessage response)
    {
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        foreach (var output in answer.RootElement.GetProperty("Outputs").EnumerateObject())
        {
            // The binding name is the queue name (functions/*/function.json); an array is one message per element.
            foreach (var body in output.Value.EnumerateArray())
            {
                _queue.Enqueue(new ServiceBusMessage(output.Name, body.GetString()!, 0));
            }
        }
    }

    private Task<HttpResponseMessage> InvokeAsync(string function, string binding, string data, int? deliveryCount)
    {
        Invocations[function] = Invocations.GetValueOrDefault(function) + 1;
        var metadata = new Dictionary<string, object> { ["sys"] = new Dictionary<string, string> { ["MethodName"] = function } };
        if (deliveryCount is { } count)
        {
            metadata["DeliveryCount"] = count;
        }

        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Data"] = new Dictionary<string, string> { [binding] = data },
            ["Metadata"] = metadata,
        });
        return app.PostAsync(new Uri("/" + function, UriKind.Relative), new StringContent(payload, Encoding.UTF8, "application/json"));
    }

    private static string Key(string container, JsonElement document) => container + "/" + document.GetProperty("id").GetString();
}

/// <param name="DeliveryCount">How often it was delivered so far (0 before the first delivery).</param>
public sealed record ServiceBusMessage(string Queue, string Body, int DeliveryCount);
