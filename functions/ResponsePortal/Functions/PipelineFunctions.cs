using ResponsePortal.BulkPosting;
using ResponsePortal.Housekeeping;
using ResponsePortal.Pipeline;
using ResponsePortal.Store;

namespace ResponsePortal.Functions;

/// <summary>
/// The Azure side of the pipeline: the functions in functions/*/function.json, mapped to the same step handlers the
/// embedded runner uses. A Service Bus message becomes a <see cref="WorkMessage"/> of the trigger's queue; the work
/// a handler returns goes out through the output binding named like its queue.
/// </summary>
public static class PipelineFunctions
{
    public const string MatchListing = "MatchListing";
    public const string NotifyMatch = "NotifyMatch";
    public const string Housekeeping = "Housekeeping";

    /// <summary>The trigger's binding name in the Service Bus functions' function.json.</summary>
    public const string MessageBinding = "message";

    /// <summary>
    /// The Service Bus output bindings each function declares (binding name = queue name); SettingsAgreementTests checks
    /// them against function.json. Work for a queue without a binding fails the invocation instead of vanishing.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Outputs { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [ListingChangedFunction.Name] = [Queues.Match],
        [MatchChangedFunction.Name] = [Queues.Match, Queues.Notify],
        [MatchListing] = [Queues.Match, Queues.Notify],
        [NotifyMatch] = [Queues.Match, Queues.Notify],
        [Housekeeping] = [Queues.Match, Queues.Notify],
    };

    /// <summary>
    /// POST /ListingChanged, /MatchChanged, /MatchListing, /NotifyMatch, /Housekeeping: the invocation endpoints of the custom handler.
    /// </summary>
    public static IEndpointRouteBuilder MapFunctions(this IEndpointRouteBuilder routes)
    {
        routes.MapFunctionInvocation(ListingChangedFunction.Name, (invocation, _, _) => Task.FromResult(ListingChangedFunction.Handle(invocation)));
        routes.MapFunctionInvocation(MatchChangedFunction.Name, (invocation, _, _) => Task.FromResult(MatchChangedFunction.Handle(invocation)));
        routes.MapFunctionInvocation(MatchListing, (invocation, services, ct) => RunStepAsync(MatchListing, Queues.Match, invocation, services, ct));
        routes.MapFunctionInvocation(NotifyMatch, (invocation, services, ct) => RunStepAsync(NotifyMatch, Queues.Notify, invocation, services, ct));
        routes.MapFunctionInvocation(Housekeeping, RunHousekeepingAsync);
        return routes;
    }

    /// <summary>One message, one handler call: Service Bus delivers singly to a custom handler.</summary>
    private static async Task<FunctionResult> RunStepAsync(
        string function, string queue, FunctionInvocation invocation, IServiceProvider services, CancellationToken cancellationToken)
    {
        var handler = services.GetServices<IWorkHandler>().SingleOrDefault(h => h.Queue == queue)
            ?? throw new InvalidOperationException($"No work handler for queue '{queue}' is registered.");
        var message = new WorkMessage(queue, invocation.Text(MessageBinding));
        var produced = await handler.HandleAsync(message, cancellationToken).ConfigureAwait(false);
        return Route(function, produced).Log($"{queue} message handled (delivery {invocation.DeliveryCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}), {produced.Count} message(s) out");
    }

    /// <summary>
    /// The same pass the embedded timer runs, with the reminders it queues collected into output bindings instead of
    /// the SQLite queue. Then bulk uploads left orphaned: they run in the web process's background after the upload's
    /// response, and on Flex Consumption an instance may be frozen or recycled meanwhile. The store reports an upload
    /// as unfinished only after <see cref="IBulkUploadStore.ResumeAfter"/> without progress, so a live one is left alone;
    /// the timer finishes orphans inside its own invocation (rows already posted replay by their idempotency keys).
    /// </summary>
    private static async Task<FunctionResult> RunHousekeepingAsync(FunctionInvocation invocation, IServiceProvider services, CancellationToken cancellationToken)
    {
        var collected = new CollectingWorkQueue();
        var pass = new HousekeepingService(
            services.GetRequiredService<IListingStore>(), collected, services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<IConfiguration>(), services.GetRequiredService<ILogger<HousekeepingService>>());
        var (expired, reminded) = await pass.RunOnceAsync(cancellationToken).ConfigureAwait(false);
        var retention = await RunRetentionAsync(services, cancellationToken).ConfigureAwait(false);
        var orphans = await services.GetRequiredService<IBulkUploadStore>().UnfinishedAsync(cancellationToken).ConfigureAwait(false);
        var bulk = services.GetRequiredService<BulkProcessor>();
        foreach (var orphan in orphans)
        {
            await bulk.ProcessAsync(orphan.Id, cancellationToken).ConfigureAwait(false);
        }

        return Route(Housekeeping, collected.Messages)
            .Log($"{expired} listing(s) expired, {reminded} reminder(s) queued, {orphans.Count} bulk upload(s) resumed, {retention}");
    }

    /// <summary>
    /// The retention sweep, whose failure (a mistyped <c>Portal:Retention</c> setting, a blob service hiccup) is logged and
    /// reported but does not fail the invocation: the reminders collected above would otherwise never be sent.
    /// </summary>
    private static async Task<string> RunRetentionAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            var (mails, snapshots, attachments) = await services.GetRequiredService<BlobRetention>().RunOnceAsync(cancellationToken).ConfigureAwait(false);
            return $"{mails} archived mail(s), {snapshots} export snapshot(s) and {attachments} certificate(s) of closed listings past their retention deleted";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            BlobRetention.LogFailure(services.GetRequiredService<ILogger<BlobRetention>>(), exception);
            return "retention sweep failed: " + exception.Message;
        }
    }

    internal static FunctionResult Route(string function, IReadOnlyList<WorkMessage> messages)
    {
        var result = new FunctionResult();
        var outputs = Outputs[function];
        foreach (var group in messages.GroupBy(m => m.Queue, StringComparer.Ordinal))
        {
            if (!outputs.Contains(group.Key))
            {
                throw new InvalidOperationException($"{function} produced work for queue '{group.Key}' but has no output binding for it.");
            }

            result.Messages(group.Key, group.Select(m => m.Body));
        }

        return result;
    }

    /// <summary>The work queue port as a list: what a step queued during one invocation, sent when it succeeds.</summary>
    private sealed class CollectingWorkQueue : IWorkQueue
    {
        private readonly List<WorkMessage> _messages = [];

        public IReadOnlyList<WorkMessage> Messages
        {
            get
            {
                lock (_messages)
                {
                    return [.. _messages];
                }
            }
        }

        public Task EnqueueAsync(IReadOnlyList<WorkMessage> messages, CancellationToken cancellationToken)
        {
            lock (_messages)
            {
                _messages.AddRange(messages);
            }

            return Task.CompletedTask;
        }
    }
}
