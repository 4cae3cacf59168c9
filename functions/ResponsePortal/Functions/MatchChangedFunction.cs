using ResponsePortal.Pipeline;
using ResponsePortal.Store.Cosmos;

namespace ResponsePortal.Functions;

/// <summary>
/// MatchChanged: the Cosmos DB change feed on <c>matches</c> is Azure mode's outbox. Embedded mode queues a match's
/// notify work (and, after a decline, match work for both listings) in the transaction that changes the match; Cosmos
/// has no transaction across documents, so each match document carries the events that happened to it and this
/// function turns them into the same messages (<see cref="CosmosMatchFeed.WorkFor"/>).
/// The change feed may skip intermediate versions, so every event the document holds is sent each time; the notifier
/// mails once per (match, party, event) and the matcher is idempotent, so repeats change nothing.
/// </summary>
public static class MatchChangedFunction
{
    public const string Name = "MatchChanged";

    public static FunctionResult Handle(FunctionInvocation invocation)
    {
        var documents = ChangeFeedBatch.Documents(invocation);
        var work = documents.SelectMany(CosmosMatchFeed.WorkFor).Distinct().ToList();
        return PipelineFunctions.Route(Name, work).Log($"{documents.Count} changed match(es), {work.Count} message(s) out");
    }
}
