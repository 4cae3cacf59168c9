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
/// </summary>
public sealed class SqliteMatchStore(SqlitePortalDatabase database, TimeProvider time) : IMatchStore
{
    private const string MatchColumns =
        "id, offer_id, request_id, offer_terms, request_terms, quantity, state, closure_reason, explanation, created_at, updated_at";

    private static readonly string HoldingStates = InList(Match.Holding);
    private static readonly string OpenStates = InList(Match.Open);

    public async Task<MatchCandidates> LoadCandidatesAsync(IReadOnlyList<CandidateSearch> searches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(searches);
        var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One read transaction: every remaining quantity comes from the same snapshot.
            using var transaction = connection.BeginTransaction(deferred: true);
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            return SqliteCandidateSearch.Load(connection, transaction, searches, HoldingStates, today);
        }
    }

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
                            WorkItemRows.Insert(connection, transaction, MatchWork.For(proposal.OfferId), now.ToUnixTimeMilliseconds());
                        }

                        if (requestLeft - taken > 0)
                        {
                            WorkItemRows.Insert(connection, transaction, MatchWork.For(proposal.RequestId), now.ToUnixTimeMilliseconds());
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
                    WorkItemRows.Insert(connection, transaction, MatchWork.For(counterpart), now.ToUnixTimeMilliseconds());
                    closed++;
                }

                return closed;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ChangedListingHead>> ReadChangedAsync(IReadOnlyCollection<string> listingIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listingIds);
        var heads = new List<ChangedListingHead>(listingIds.Count);
        if (listingIds.Count == 0)
        {
            return heads;
        }

        var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One snapshot for the listings and their matches (see IMatchStore.ReadChangedAsync).
            using var transaction = connection.BeginTransaction(deferred: true);
            using var head = Command(connection, transaction, "SELECT side, status, category FROM listings WHERE id = $id");
            var headId = head.Parameters.Add("$id", SqliteType.Text);
            using var terms = Command(connection, transaction, $"""
                SELECT offer_terms FROM matches WHERE offer_id = $id AND state IN ({OpenStates})
                UNION
                SELECT request_terms FROM matches WHERE request_id = $id AND state IN ({OpenStates})
                """);
            var termsId = terms.Parameters.Add("$id", SqliteType.Text);
            foreach (var listingId in listingIds)
            {
                headId.Value = listingId;
                ListingSide side;
                ListingStatus status;
                string category;
                using (var reader = head.ExecuteReader())
                {
                    if (!reader.Read())
                    {
                        continue;
                    }

                    side = Enum.Parse<ListingSide>(reader.GetString(0));
                    status = Enum.Parse<ListingStatus>(reader.GetString(1));
                    category = reader.GetString(2);
                }

                termsId.Value = listingId;
                HashSet<string>? found = null;
                using (var reader = terms.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        (found ??= new HashSet<string>(StringComparer.Ordinal)).Add(reader.GetString(0));
                    }
                }

                heads.Add(new ChangedListingHead(listingId, side, status, category, found));
            }
        }

        return heads;
    }

    public async Task<bool> AnyOpenListingAsync(ListingSide side, IReadOnlyCollection<string> categories, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (categories.Count == 0)
        {
            return false;
        }

        var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, null, $"""
                SELECT EXISTS (SELECT 1 FROM listings
                    WHERE side = $side AND status = 'Open' AND expires_at >= $today
                    AND category IN ({string.Join(", ", categories.Select((_, i) => "$c" + i.ToString(CultureInfo.InvariantCulture)))}))
                """);
            command.Parameters.AddWithValue("$side", side.ToString());
            command.Parameters.AddWithValue("$today", DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            var i = 0;
            foreach (var category in categories)
            {
                command.Parameters.AddWithValue("$c" + i++.ToString(CultureInfo.InvariantCulture), category);
            }

            return (long)command.ExecuteScalar()! != 0;
        }
    }

    public async Task<Match?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return Find(connection, null, id);
        }
    }

    public async Task<IReadOnlyList<Match>> ListForListingAsync(string listingId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return Select(connection, null, "offer_id = $id OR request_id = $id", ("$id", listingId));
        }
    }

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
                    WorkItemRows.Insert(connection, transaction, MatchWork.For(match.OfferId), nowMs);
                    WorkItemRows.Insert(connection, transaction, MatchWork.For(match.RequestId), nowMs);
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

    private static Match? Find(SqliteConnection connection, SqliteTransaction? transaction, string id) =>
        Select(connection, transaction, "id = $id", ("$id", id)).FirstOrDefault();

    private static List<Match> Select(SqliteConnection connection, SqliteTransaction? transaction, string where, (string Name, string Value) parameter)
    {
        using var command = Command(connection, transaction, $"SELECT {MatchColumns} FROM matches WHERE {where} ORDER BY created_at, id");
        command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        using var reader = command.ExecuteReader();
        var matches = new List<Match>();
        while (reader.Read())
        {
            matches.Add(new Match(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5),
                ParseState(reader.GetString(6)),
                reader.IsDBNull(7) ? null : ParseReason(reader.GetString(7)),
                JsonSerializer.Deserialize(reader.GetString(8), MatchJsonContext.Default.MatchReason)!,
                DateTimeOffset.Parse(reader.GetString(9), CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(reader.GetString(10), CultureInfo.InvariantCulture)));
        }

        return matches;
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

    private static MatchState ParseState(string code) =>
        Enum.GetValues<MatchState>().First(state => MatchCodes.Of(state) == code);

    private static ClosureReason ParseReason(string code) =>
        Enum.GetValues<ClosureReason>().First(reason => MatchCodes.Of(reason) == code);

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
internal sealed partial class MatchJsonContext : JsonSerializerContext;
