using Microsoft.Data.Sqlite;
using ResponsePortal.Matching;
using ResponsePortal.Pipeline;

namespace ResponsePortal.Store.Sqlite;

/// <summary>The parties' answers, single-use links and the notifications' exactly-once records.</summary>
public sealed partial class SqliteMatchStore
{
    public Task<RespondOutcome> RespondAsync(string matchId, MatchParty party, RespondAction action, string linkId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        return database.ExecuteInWriteTransactionAsync<RespondOutcome>(
            (connection, transaction) =>
            {
                var match = Find(connection, transaction, matchId);
                if (match is null)
                {
                    return new RespondOutcome.NotFound();
                }

                if (IsUsed(connection, transaction, linkId))
                {
                    return new RespondOutcome.AlreadyUsed();
                }

                if (!match.IsOpen)
                {
                    return new RespondOutcome.Closed(match);
                }

                MarkUsed(connection, transaction, linkId, now);
                Match next;
                if (action == RespondAction.Decline)
                {
                    next = match with { State = MatchState.Declined, ClosureReason = ClosureReason.PrefersAnother, UpdatedAt = now };
                    WorkItemRows.Insert(connection, transaction, NotifyWork.For(match.Id, NotifyEvents.Declined), nowMs);
                    // The freed quantities go back to the matcher; the declined pair itself is never proposed again.
                    WorkItemRows.InsertMatchWork(transaction, match.OfferId);
                    WorkItemRows.InsertMatchWork(transaction, match.RequestId);
                }
                else
                {
                    var otherAccepted = party == MatchParty.Offer ? MatchState.AcceptedByRequest : MatchState.AcceptedByOffer;
                    var mine = party == MatchParty.Offer ? MatchState.AcceptedByOffer : MatchState.AcceptedByRequest;
                    if (match.State == mine)
                    {
                        return new RespondOutcome.Done(match);
                    }

                    next = match with { State = match.State == otherAccepted ? MatchState.Accepted : mine, UpdatedAt = now };
                    if (next.State == MatchState.Accepted)
                    {
                        WorkItemRows.Insert(connection, transaction, NotifyWork.For(match.Id, NotifyEvents.Accepted), nowMs);
                    }
                }

                Update(connection, transaction, next);
                return new RespondOutcome.Done(next);
            },
            cancellationToken);
    }

    public Task<bool> UseLinkAsync(string linkId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return database.ExecuteInWriteTransactionAsync(
            (connection, transaction) =>
            {
                if (IsUsed(connection, transaction, linkId))
                {
                    return false;
                }

                MarkUsed(connection, transaction, linkId, now);
                return true;
            },
            cancellationToken);
    }

    public Task<bool> BeginNotificationAsync(string key, string subjectId, string party, string notifyEvent, string recipient, CancellationToken cancellationToken)
    {
        var now = ListingRows.SortableUtc(time.GetUtcNow());
        return database.ExecuteInWriteTransactionAsync(
            (connection, transaction) =>
            {
                using var insert = Command(connection, transaction, """
                    INSERT OR IGNORE INTO notifications (key, subject_id, party, event, recipient, state, created_at)
                    VALUES ($key, $subject, $party, $event, $recipient, 'pending', $now)
                    """);
                insert.Parameters.AddWithValue("$key", key);
                insert.Parameters.AddWithValue("$subject", subjectId);
                insert.Parameters.AddWithValue("$party", party);
                insert.Parameters.AddWithValue("$event", notifyEvent);
                insert.Parameters.AddWithValue("$recipient", recipient);
                insert.Parameters.AddWithValue("$now", now);
                insert.ExecuteNonQuery();
                using var state = Command(connection, transaction, "SELECT state FROM notifications WHERE key = $key");
                state.Parameters.AddWithValue("$key", key);
                return (string?)state.ExecuteScalar() == "sent";
            },
            cancellationToken);
    }

    public Task MarkNotificationSentAsync(string key, CancellationToken cancellationToken)
    {
        var now = ListingRows.SortableUtc(time.GetUtcNow());
        return database.ExecuteInWriteTransactionAsync(
            (connection, transaction) =>
            {
                using var update = Command(connection, transaction, "UPDATE notifications SET state = 'sent', sent_at = $now WHERE key = $key");
                update.Parameters.AddWithValue("$key", key);
                update.Parameters.AddWithValue("$now", now);
                return update.ExecuteNonQuery();
            },
            cancellationToken);
    }

    private static bool IsUsed(SqliteConnection connection, SqliteTransaction transaction, string linkId)
    {
        using var command = Command(connection, transaction, "SELECT 1 FROM used_links WHERE signature_hash = $id");
        command.Parameters.AddWithValue("$id", linkId);
        return command.ExecuteScalar() is not null;
    }

    private static void MarkUsed(SqliteConnection connection, SqliteTransaction transaction, string linkId, DateTimeOffset now)
    {
        using var command = Command(connection, transaction, "INSERT INTO used_links (signature_hash, used_at) VALUES ($id, $now)");
        command.Parameters.AddWithValue("$id", linkId);
        command.Parameters.AddWithValue("$now", ListingRows.SortableUtc(now));
        command.ExecuteNonQuery();
    }
}
