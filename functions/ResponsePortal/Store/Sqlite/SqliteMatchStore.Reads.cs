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
            // One snapshot for the listings and their matches (see IMatchStore.ReadChangedAsync), and two statements for the
            // whole batch: the ids go in as one JSON array that json_each unrolls and joins (a join drives the lookups from the
            // array; "IN (SELECT ...)" first copied the array into a temporary index). Two statements per id, each with a
            // reader of its own and the second with a temporary b-tree for its UNION, cost the matcher more CPU per posted
            // listing than validating the listing had.
            using var transaction = connection.BeginTransaction(deferred: true);
            var ids = JsonSerializer.Serialize(listingIds, MatchJsonContext.Default.IReadOnlyCollectionString);
            var columns = new Dictionary<string, (ListingSide Side, ListingStatus Status, string Category)>(listingIds.Count, StringComparer.Ordinal);
            // The listing's columns, not its body: reading and parsing the JSON of every changed listing cost the matcher
            // more than the lookup by id.
            using (var head = Command(connection, transaction, """
                SELECT l.id, l.side, l.status, l.category FROM json_each($ids) AS asked JOIN listings AS l ON l.id = asked.value
                """))
            {
                head.Parameters.AddWithValue("$ids", ids);
                using var reader = head.ExecuteReader();
                while (reader.Read())
                {
                    columns[reader.GetString(0)] = (Enum.Parse<ListingSide>(reader.GetString(1)), Enum.Parse<ListingStatus>(reader.GetString(2)), reader.GetString(3));
                }
            }

            var openTerms = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            using (var terms = Command(connection, transaction, $"""
                SELECT m.offer_id, m.offer_terms FROM json_each($ids) AS asked JOIN matches AS m ON m.offer_id = asked.value
                WHERE m.state IN ({OpenStates})
                UNION ALL
                SELECT m.request_id, m.request_terms FROM json_each($ids) AS asked JOIN matches AS m ON m.request_id = asked.value
                WHERE m.state IN ({OpenStates})
                """))
            {
                terms.Parameters.AddWithValue("$ids", ids);
                using var reader = terms.ExecuteReader();
                while (reader.Read())
                {
                    var id = reader.GetString(0);
                    if (!openTerms.TryGetValue(id, out var held))
                    {
                        openTerms[id] = held = new HashSet<string>(StringComparer.Ordinal);
                    }

                    held.Add(reader.GetString(1));
                }
            }

            // In the order asked, each id once; ids with no listing are left out.
            foreach (var listingId in listingIds.Distinct(StringComparer.Ordinal))
            {
                if (columns.TryGetValue(listingId, out var listing))
                {
                    heads.Add(new ChangedListingHead(listingId, listing.Side, listing.Status, listing.Category, openTerms.GetValueOrDefault(listingId)));
                }
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
