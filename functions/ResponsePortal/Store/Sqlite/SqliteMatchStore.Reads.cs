using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ResponsePortal.Listings;
using ResponsePortal.Matching;

namespace ResponsePortal.Store.Sqlite;

/// <summary>The reads: each on a read connection of its own, off the single writer.</summary>
public sealed partial class SqliteMatchStore
{
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

    private static MatchState ParseState(string code) =>
        Enum.GetValues<MatchState>().First(state => MatchCodes.Of(state) == code);

    private static ClosureReason ParseReason(string code) =>
        Enum.GetValues<ClosureReason>().First(reason => MatchCodes.Of(reason) == code);
}
