using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using ResponsePortal.Listings;
using ResponsePortal.Matching;
using ResponsePortal.Pipeline;

namespace ResponsePortal.Store.Sqlite;

/// <summary>
/// Matches, notifications and used links in the embedded SQLite file. Every capacity check happens inside the write
/// transaction on the single writer, so matchers computing in parallel cannot together give away more than a listing has.
/// This file: proposing and closing, and the match rows' writes; the answers and the reads are in the other parts.
/// </summary>
public sealed partial class SqliteMatchStore(SqlitePortalDatabase database, TimeProvider time) : IMatchStore
{
    private const string MatchColumns =
        "id, offer_id, request_id, offer_terms, request_terms, quantity, state, closure_reason, explanation, created_at, updated_at";

    private static readonly string HoldingStates = InList(Match.Holding);
    private static readonly string OpenStates = InList(Match.Open);

    public Task<IReadOnlyList<Match>> ProposeAsync(IReadOnlyList<ProposedMatch> proposals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proposals);
        var now = time.GetUtcNow();
        return database.ExecuteInWriteTransactionAsync<IReadOnlyList<Match>>(
            (connection, transaction) =>
            {
                var inserted = new List<Match>();
                var listings = new Dictionary<string, Listing?>(StringComparer.Ordinal);
                foreach (var proposal in proposals)
                {
                    // The same pair may take more later (after a decline elsewhere freed quantity): its next match gets the
                    // next id in the pair's sequence. Duplicated work cannot add anything, because the capacity check below
                    // sees what the first run committed.
                    var id = proposal.Id;
                    for (var round = 2; Find(connection, transaction, id) is not null; round++)
                    {
                        id = proposal.Id + "-" + round.ToString(CultureInfo.InvariantCulture);
                    }

                    var offer = Cached(connection, transaction, listings, proposal.OfferId);
                    var request = Cached(connection, transaction, listings, proposal.RequestId);
                    if (!StillOn(offer, proposal.OfferTerms) || !StillOn(request, proposal.RequestTerms))
                    {
                        continue;
                    }

                    // The final capacity check, on the writer: nothing committed since the matcher read can be over-allocated.
                    var offerLeft = offer!.Quantity - Held(connection, transaction, "offer_id", offer.Id);
                    var requestLeft = request!.Quantity - Held(connection, transaction, "request_id", request.Id);
                    var quantity = Math.Min(proposal.Quantity, Math.Min(offerLeft, requestLeft));
                    if (quantity < proposal.Quantity)
                    {
                        // A matcher working in parallel took part of this since the plan was made: match again, on fresh
                        // numbers, each side that still has something left, so it is not stranded. A side with nothing left
                        // needs no work; the usual case is two matchers that both planned the same pair, and requeueing
                        // both exhausted listings there doubled the matcher's work under a steady stream.
                        var taken = Math.Max(quantity, 0);
                        if (offerLeft - taken > 0)
                        {
                            WorkItemRows.InsertMatchWork(transaction, proposal.OfferId);
                        }

                        if (requestLeft - taken > 0)
                        {
                            WorkItemRows.InsertMatchWork(transaction, proposal.RequestId);
                        }
                    }

                    if (quantity <= 0)
                    {
                        continue;
                    }

                    var match = new Match(id, proposal.OfferId, proposal.RequestId, proposal.OfferTerms, proposal.RequestTerms,
                        quantity, MatchState.Proposed, null, proposal.Reason, now, now);
                    Insert(connection, transaction, match);
                    WorkItemRows.Insert(connection, transaction, NotifyWork.For(match.Id, NotifyEvents.Proposed), now.ToUnixTimeMilliseconds());
                    inserted.Add(match);
                }

                return inserted;
            },
            cancellationToken);
    }

    public async Task<int> CloseOpenMatchesAsync(string listingId, string? currentTerms, MatchState state, ClosureReason reason, CancellationToken cancellationToken)
    {
        // The matcher calls this for every changed listing, and most (new ones) have nothing to close: look on a read
        // snapshot first and leave the single writer alone then. Safe: the listing's change committed before its match
        // work, and a proposal re-checks the listing's status and terms at its own commit, so no match that needs closing
        // can be committed after this snapshot.
        var reader = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var open = Select(reader, null, $"(offer_id = $id OR request_id = $id) AND state IN ({OpenStates})", ("$id", listingId));
            if (!open.Any(match => currentTerms is null
                || !string.Equals(match.OfferId == listingId ? match.OfferTerms : match.RequestTerms, currentTerms, StringComparison.Ordinal)))
            {
                return 0;
            }
        }

        var now = time.GetUtcNow();
        var notifyEvent = state == MatchState.Expired ? NotifyEvents.Expired : NotifyEvents.Withdrawn;
        return await database.ExecuteInWriteTransactionAsync(
            (connection, transaction) =>
            {
                var closed = 0;
                foreach (var match in Select(connection, transaction, $"(offer_id = $id OR request_id = $id) AND state IN ({OpenStates})", ("$id", listingId)))
                {
                    var terms = match.OfferId == listingId ? match.OfferTerms : match.RequestTerms;
                    if (currentTerms is not null && string.Equals(terms, currentTerms, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    Update(connection, transaction, match with { State = state, ClosureReason = reason, UpdatedAt = now });
                    WorkItemRows.Insert(connection, transaction, NotifyWork.For(match.Id, notifyEvent), now.ToUnixTimeMilliseconds());
                    // The counterpart gets its quantity back: match it again (the matcher only looks around changed listings).
                    var counterpart = match.OfferId == listingId ? match.RequestId : match.OfferId;
                    WorkItemRows.InsertMatchWork(transaction, counterpart);
                    closed++;
                }

                return closed;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static bool StillOn(Listing? listing, string terms) =>
        listing is { Status: ListingStatus.Open } && string.Equals(MatchIds.TermsOf(listing), terms, StringComparison.Ordinal);

    private static Listing? Cached(SqliteConnection connection, SqliteTransaction transaction, Dictionary<string, Listing?> cache, string id)
    {
        if (!cache.TryGetValue(id, out var listing))
        {
            listing = ListingRows.Find(connection, transaction, id);
            cache[id] = listing;
        }

        return listing;
    }

    private static long Held(SqliteConnection connection, SqliteTransaction transaction, string column, string listingId)
    {
        using var command = Command(connection, transaction,
            $"SELECT COALESCE(SUM(quantity), 0) FROM matches WHERE {column} = $id AND state IN ({HoldingStates})");
        command.Parameters.AddWithValue("$id", listingId);
        return (long)command.ExecuteScalar()!;
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, Match match)
    {
        using var command = Command(connection, transaction, $"""
            INSERT INTO matches ({MatchColumns})
            VALUES ($id, $offer, $request, $offerTerms, $requestTerms, $quantity, $state, $reason, $explanation, $created, $updated)
            """);
        Bind(command, match);
        command.ExecuteNonQuery();
    }

    private static void Update(SqliteConnection connection, SqliteTransaction transaction, Match match)
    {
        using var command = Command(connection, transaction, """
            UPDATE matches SET state = $state, closure_reason = $reason, updated_at = $updated, quantity = $quantity WHERE id = $id
            """);
        Bind(command, match);
        command.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand command, Match match)
    {
        var p = command.Parameters;
        p.AddWithValue("$id", match.Id);
        p.AddWithValue("$offer", match.OfferId);
        p.AddWithValue("$request", match.RequestId);
        p.AddWithValue("$offerTerms", match.OfferTerms);
        p.AddWithValue("$requestTerms", match.RequestTerms);
        p.AddWithValue("$quantity", match.Quantity);
        p.AddWithValue("$state", MatchCodes.Of(match.State));
        p.AddWithValue("$reason", match.ClosureReason is { } reason ? MatchCodes.Of(reason) : DBNull.Value);
        p.AddWithValue("$explanation", JsonSerializer.Serialize(match.Reason, MatchJsonContext.Default.MatchReason));
        p.AddWithValue("$created", ListingRows.SortableUtc(match.CreatedAt));
        p.AddWithValue("$updated", ListingRows.SortableUtc(match.UpdatedAt));
    }

    private static string InList(IEnumerable<MatchState> states)
    {
        var text = new StringBuilder();
        foreach (var state in states)
        {
            text.Append(text.Length == 0 ? "" : ", ").Append('\'').Append(MatchCodes.Of(state)).Append('\'');
        }

        return text.ToString();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(MatchReason))]
[JsonSerializable(typeof(IReadOnlyCollection<string>))]
internal sealed partial class MatchJsonContext : JsonSerializerContext;
