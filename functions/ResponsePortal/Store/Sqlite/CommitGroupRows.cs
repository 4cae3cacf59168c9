using Microsoft.Data.Sqlite;
using ResponsePortal.Matching;

namespace ResponsePortal.Store.Sqlite;

/// <summary>
/// Rows that the writes of one commit group add up to, written once right before its COMMIT instead of once per write:
/// the match work of the group's listings (one work item per up to 64 listings) and the dashboard counts of its new
/// listings (one upsert per cube cell and day instead of three per listing). Under a stream of posts both were most of
/// the single writer thread's work per listing (docs/benchmarks.md, "Intake").
/// </summary>
/// <remarks>
/// Writer thread only; the writer drives it: <see cref="BeginBatch"/> when a batch (or its second attempt) starts,
/// <see cref="BeginWrite"/> before each write, <see cref="WriteSucceeded"/> after a write returned, and <see cref="Flush"/>
/// before COMMIT (which also ends the group). A write stages into its own area, which joins the batch only when the write
/// succeeded, so a write that threw and was rolled back to its savepoint leaves nothing behind.
/// Outside a commit group (code that opens its own transaction, such as a benchmark building a database) the rows are
/// written at once, so nothing depends on a flush the caller could forget.
/// </remarks>
internal static class CommitGroupRows
{
    [ThreadStatic]
    private static bool t_inGroup;

    [ThreadStatic]
    private static Staged? t_write;

    [ThreadStatic]
    private static Staged? t_batch;

    /// <summary>Match work for <paramref name="listingId"/>, written with the group's other match work.</summary>
    public static void StageMatchWork(SqliteConnection connection, string listingId)
    {
        if (t_inGroup)
        {
            (t_write ??= new()).MatchListingIds.Add(listingId);
        }
        else
        {
            WorkItemRows.InsertMatchWorkItems(connection, [listingId], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }
    }

    /// <summary>
    /// Match work for a new listing, written only if an open listing of <paramref name="partners"/> exists when the group
    /// commits (<see cref="Flush"/>, in the same transaction: see <see cref="WorkItemRows.InsertMatchWorkForNewListing"/>).
    /// </summary>
    public static void StageNewListingMatchWork(SqliteConnection connection, string listingId, MatchPartners partners)
    {
        if (t_inGroup)
        {
            (t_write ??= new()).NewListingMatches.Add((listingId, partners));
        }
        else if (ListingRows.AnyOpen(connection, partners))
        {
            WorkItemRows.InsertMatchWorkItems(connection, [listingId], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }
    }

    /// <summary>A new listing's contribution to the dashboard's cube and daily counts.</summary>
    public static void StageNewListing(SqliteConnection connection, NewListingCount count)
    {
        if (t_inGroup)
        {
            (t_write ??= new()).NewListings.Add(count);
        }
        else
        {
            DashboardCountRows.AddNewListings(connection, [count]);
        }
    }

    public static void BeginBatch()
    {
        t_inGroup = true;
        t_write?.Clear();
        t_batch?.Clear();
    }

    public static void BeginWrite() => t_write?.Clear();

    public static void WriteSucceeded()
    {
        if (t_write is { IsEmpty: false } write)
        {
            write.MoveTo(t_batch ??= new());
        }
    }

    /// <summary>Writes what the batch staged, on the transaction about to commit, and forgets it.</summary>
    /// <returns>Whether it queued match work: the workers are woken once the transaction has committed.</returns>
    public static bool Flush(SqliteConnection connection, long nowMs)
    {
        t_inGroup = false;
        if (t_batch is not { IsEmpty: false } batch)
        {
            return false;
        }

        try
        {
            // After the group's last write, so a new listing finds partners posted in the same commit as well as before it.
            Dictionary<MatchPartners, bool>? present = null;
            foreach (var (listingId, partners) in batch.NewListingMatches)
            {
                present ??= [];
                if (!present.TryGetValue(partners, out var any))
                {
                    present[partners] = any = ListingRows.AnyOpen(connection, partners);
                }

                if (any)
                {
                    batch.MatchListingIds.Add(listingId);
                }
            }

            WorkItemRows.InsertMatchWorkItems(connection, batch.MatchListingIds, nowMs);
            DashboardCountRows.AddNewListings(connection, batch.NewListings);
            return batch.MatchListingIds.Count > 0;
        }
        finally
        {
            batch.Clear();
        }
    }

    private sealed class Staged
    {
        public List<string> MatchListingIds { get; } = [];

        public List<(string ListingId, MatchPartners Partners)> NewListingMatches { get; } = [];

        public List<NewListingCount> NewListings { get; } = [];

        public bool IsEmpty => MatchListingIds.Count == 0 && NewListingMatches.Count == 0 && NewListings.Count == 0;

        public void MoveTo(Staged target)
        {
            target.MatchListingIds.AddRange(MatchListingIds);
            target.NewListingMatches.AddRange(NewListingMatches);
            target.NewListings.AddRange(NewListings);
            Clear();
        }

        public void Clear()
        {
            MatchListingIds.Clear();
            NewListingMatches.Clear();
            NewListings.Clear();
        }
    }
}
