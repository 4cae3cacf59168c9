using Microsoft.Data.Sqlite;
using ResponsePortal.Matching;
using ResponsePortal.Pipeline;

namespace ResponsePortal.Store.Sqlite;

/// <summary>
/// SQL for the <c>work_items</c> table on a connection and transaction the caller owns, so a state change and the work
/// it causes commit together (the embedded stand-in for a change feed: listings -> match work, matches -> notify work).
/// </summary>
internal static class WorkItemRows
{
    private const string InsertSql = """
        INSERT INTO work_items (queue, body, state, attempts, visible_at, created_at)
        VALUES (?1, ?2, 'ready', 0, ?3, ?3)
        """;

    // Set on the writer thread when a write queued work, read right after that write ran (same thread), so the
    // database can wake the workers of those queues once the transaction is committed.
    // See SqlitePortalDatabase.ExecuteInWriteTransactionAsync.
    [ThreadStatic]
    private static string? t_firstQueue;

    [ThreadStatic]
    private static List<string>? t_moreQueues;

    /// <summary>One prepared INSERT per connection (the writer's), like <c>ListingRows.Insert</c>.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SqliteConnection, WriterStatement> InsertStatements = new();

#pragma warning disable IDE0060 // The transaction is the caller's proof that one is open: the insert runs inside it.
    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, WorkMessage message, long nowMs)
#pragma warning restore IDE0060
    {
        InsertRow(connection, message, nowMs);
        NoteQueue(message.Queue);
    }

    /// <summary>At most this many listings per coalesced match work item: the matcher's batch of one work item stays small.</summary>
    public const int MaxListingsPerMatchWork = 64;

    /// <summary>
    /// Queues match work for <paramref name="listingId"/> in this transaction, coalesced with the other match work of the
    /// same commit group (<see cref="CommitGroupRows"/>): under a stream of posts one item per listing cost an insert, a
    /// lease and a delete each on the single writer, and the matcher takes a commit's listings as one batch anyway.
    /// Outside the writer's commit groups (a caller's own transaction) the item is written at once.
    /// </summary>
    public static void InsertMatchWork(SqliteTransaction transaction, string listingId) =>
        CommitGroupRows.StageMatchWork(transaction.Connection!, listingId);

    /// <summary>
    /// Match work for a listing just created in this transaction, queued only if an open listing of <paramref name="partners"/>
    /// exists when the transaction commits. A new listing has no proposals to withdraw, so without an open listing it could
    /// match the matcher has nothing to do (it would find that out and stop). The look runs on the single writer, after the
    /// commit group's last write: a partner posted before or with this listing is seen; one posted later commits after it
    /// and its own match work finds this listing. So every pair that could match is still matched, and under a stream of
    /// offers nobody has asked for yet (the first hours of a crisis) the matcher is not woken for each commit.
    /// </summary>
    public static void InsertMatchWorkForNewListing(SqliteTransaction transaction, string listingId, MatchPartners partners) =>
        CommitGroupRows.StageNewListingMatchWork(transaction.Connection!, listingId, partners);

    /// <summary>The commit group's match work: one item per up to 64 distinct listings.</summary>
    public static void InsertMatchWorkItems(SqliteConnection connection, IReadOnlyList<string> listingIds, long nowMs)
    {
        if (listingIds.Count == 0)
        {
            return;
        }

        var distinct = listingIds.Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in distinct.Chunk(MaxListingsPerMatchWork))
        {
            InsertRow(connection, chunk.Length == 1 ? MatchWork.For(chunk[0]) : MatchWork.ForMany(chunk), nowMs);
        }
    }

    private static void InsertRow(SqliteConnection connection, WorkMessage message, long nowMs) =>
        WriterStatement.On(connection, InsertSql, InsertStatements).Run([message.Queue, message.Body, nowMs]);

    public static void InsertAll(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<WorkMessage> messages, long nowMs)
    {
        foreach (var message in messages)
        {
            Insert(connection, transaction, message, nowMs);
        }
    }

    /// <summary>Clears the record before a write runs.</summary>
    public static void ResetInsertedFlag()
    {
        t_firstQueue = null;
        t_moreQueues?.Clear();
    }

    /// <summary>The queues the write that just ran on this thread queued work for (empty when none), and clears the record.</summary>
    public static string[] TakeInsertedQueues()
    {
        if (t_firstQueue is null)
        {
            return [];
        }

        string[] queues = t_moreQueues is { Count: > 0 } more ? [t_firstQueue, .. more] : [t_firstQueue];
        ResetInsertedFlag();
        return queues;
    }

    private static void NoteQueue(string queue)
    {
        if (t_firstQueue is null)
        {
            t_firstQueue = queue;
        }
        else if (!string.Equals(t_firstQueue, queue, StringComparison.Ordinal))
        {
            var more = t_moreQueues ??= [];
            if (!more.Contains(queue))
            {
                more.Add(queue);
            }
        }
    }
}
