using System.Globalization;
using Microsoft.Data.Sqlite;
using ResponsePortal.Listings;
using ResponsePortal.Matching;

namespace ResponsePortal.Store.Sqlite;

/// <summary>
/// Finds the open listings a changed listing can reach, through the (side, status, category, radius_km, lat, lon) index
/// and a latitude/longitude box (filtered on the index entries), instead of reading every open listing of the category
/// on every change.
/// Offers carry their own radius, so a request looks for offers band by band: offers with a radius up to 50 km
/// in a 50 km box, up to 100 km in a 100 km box, and so on; each band is one index range scan.
/// </summary>
internal static class SqliteCandidateSearch
{
    /// <summary>Upper bounds of the radius bands, in km; the last covers the largest radius the validator allows.</summary>
    private static readonly int[] RadiusBands = [25, 50, 100, 200, 400, 800, 1600, 3200, ListingValidator.MaxRadiusKm];

    private const double KmPerDegreeLatitude = 6371.0 * Math.PI / 180.0;

    public static MatchCandidates Load(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<CandidateSearch> searches, string holdingStates, DateOnly today)
    {
        var found = new Dictionary<string, OpenListing>(StringComparer.Ordinal);
        var todayText = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var partnersPresent = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var search in searches)
        {
            var around = search.Around;
            // No open listing of the other side in any partner category (a steady stream of offers nobody asked for yet):
            // nothing to pair with, so neither the listing's own row nor a box search is needed.
            if (search.PartnerCategories.Count == 0
                || !AnyOpen(partnersPresent, connection, transaction, around.Side == ListingSide.Offer ? ListingSide.Request : ListingSide.Offer, search.PartnerCategories, todayText))
            {
                continue;
            }

            AddRows(found, connection, transaction, holdingStates, "l.id = $id", command => command.Parameters.AddWithValue("$id", around.Id));

            if (around.Side == ListingSide.Offer)
            {
                // The offer's own radius bounds where its partners can be.
                SearchBox(found, connection, transaction, holdingStates, todayText, ListingSide.Request, search.PartnerCategories, around.Lat, around.Lon, around.RadiusKm ?? 0, null);
            }
            else
            {
                var lower = 0;
                foreach (var band in RadiusBands)
                {
                    SearchBox(found, connection, transaction, holdingStates, todayText, ListingSide.Offer, search.PartnerCategories, around.Lat, around.Lon, band, (lower, band));
                    lower = band;
                }
            }
        }

        return new MatchCandidates([.. found.Values.OrderBy(l => l.Listing.Id, StringComparer.Ordinal)], DeclinedAmong(connection, transaction, found.Values));
    }

    /// <summary>Whether any open, unexpired listing of <paramref name="side"/> is in <paramref name="categories"/>; one index probe, remembered per batch.</summary>
    private static bool AnyOpen(
        Dictionary<string, bool> known, SqliteConnection connection, SqliteTransaction transaction, ListingSide side, IReadOnlyCollection<string> categories, string today)
    {
        var key = side.ToString() + "|" + string.Join("|", categories.Order(StringComparer.Ordinal));
        if (known.TryGetValue(key, out var present))
        {
            return present;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            SELECT EXISTS (SELECT 1 FROM listings l
                WHERE l.side = $side AND l.status = 'Open' AND l.category IN ({Names("$c", categories.Count)}) AND l.expires_at >= $today)
            """;
        command.Parameters.AddWithValue("$side", side.ToString());
        var i = 0;
        foreach (var category in categories)
        {
            command.Parameters.AddWithValue("$c" + i++.ToString(CultureInfo.InvariantCulture), category);
        }

        command.Parameters.AddWithValue("$today", today);
        present = (long)command.ExecuteScalar()! != 0;
        known[key] = present;
        return present;
    }

    private static void SearchBox(
        Dictionary<string, OpenListing> found, SqliteConnection connection, SqliteTransaction transaction, string holdingStates, string today,
        ListingSide side, IReadOnlyCollection<string> categories, double lat, double lon, int reachKm, (int Above, int AtMost)? radiusBand)
    {
        // Without a band the search is for requests, which never have a radius (the validator allows it on offers only).
        // Saying so lets the radius index seek to the requests' (radius_km = NULL) entries and range-scan lat there;
        // without it SQLite stops at (side, status, category) and reads every open request of the category.
        // 1 % margin for the sphere-vs-box approximation; the engine checks the exact great-circle distance.
        var latDelta = reachKm * 1.01 / KmPerDegreeLatitude;
        var farthestLatitude = Math.Min(89.9, Math.Abs(lat) + latDelta);
        var lonDelta = latDelta / Math.Cos(farthestLatitude * Math.PI / 180.0);
        AddRows(found, connection, transaction, holdingStates,
            $"""
            l.side = $side AND l.status = 'Open' AND l.category IN ({Names("$c", categories.Count)}) AND l.expires_at >= $today
            AND l.lat BETWEEN $latLow AND $latHigh
            {(lonDelta < 180 && Math.Abs(lon) + lonDelta < 180 ? "AND l.lon BETWEEN $lonLow AND $lonHigh" : "")}
            {(radiusBand is null ? "AND l.radius_km IS NULL" : "AND l.radius_km > $radiusAbove AND l.radius_km <= $radiusAtMost")}
            """,
            command =>
            {
                command.Parameters.AddWithValue("$side", side.ToString());
                var i = 0;
                foreach (var category in categories)
                {
                    command.Parameters.AddWithValue("$c" + i++.ToString(CultureInfo.InvariantCulture), category);
                }

                command.Parameters.AddWithValue("$today", today);
                command.Parameters.AddWithValue("$latLow", lat - latDelta);
                command.Parameters.AddWithValue("$latHigh", lat + latDelta);
                command.Parameters.AddWithValue("$lonLow", lon - lonDelta);
                command.Parameters.AddWithValue("$lonHigh", lon + lonDelta);
                if (radiusBand is { } band)
                {
                    command.Parameters.AddWithValue("$radiusAbove", band.Above);
                    command.Parameters.AddWithValue("$radiusAtMost", band.AtMost);
                }
            });
    }

    private static void AddRows(Dictionary<string, OpenListing> found, SqliteConnection connection, SqliteTransaction transaction, string holdingStates, string where, Action<SqliteCommand> bind)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // Fully allocated listings stay open (their matches may still be declined) but are skipped here, before their
        // JSON is read: under a steady stream most open listings near a new one are fully matched.
        command.CommandText = $"""
            SELECT id, body, held FROM (
                SELECT l.id, l.body, json_extract(l.body, '$.quantity') AS quantity,
                       CASE l.side WHEN 'Offer'
                           THEN (SELECT COALESCE(SUM(m.quantity), 0) FROM matches m WHERE m.offer_id = l.id AND m.state IN ({holdingStates}))
                           ELSE (SELECT COALESCE(SUM(m.quantity), 0) FROM matches m WHERE m.request_id = l.id AND m.state IN ({holdingStates}))
                       END AS held
                FROM listings l
                WHERE {where})
            WHERE quantity > held
            """;
        bind(command);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetString(0);
            if (found.ContainsKey(id))
            {
                continue;
            }

            var listing = ListingRows.Deserialize(reader.GetString(1));
            var remaining = listing.Quantity - reader.GetInt64(2);
            if (listing.Status == ListingStatus.Open && remaining > 0)
            {
                found.Add(id, new OpenListing(listing, remaining));
            }
        }
    }

    /// <summary>Declined pairs whose request is among the loaded listings (the engine must not propose them again).</summary>
    private static HashSet<(string OfferId, string RequestId)> DeclinedAmong(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<OpenListing> listings)
    {
        var declined = new HashSet<(string, string)>();
        var requestIds = listings.Where(l => l.Listing.Side == ListingSide.Request).Select(l => l.Listing.Id).ToList();
        foreach (var chunk in requestIds.Chunk(400))
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT offer_id, request_id FROM matches WHERE state = 'declined' AND request_id IN ({Names("$r", chunk.Length)})";
            for (var i = 0; i < chunk.Length; i++)
            {
                command.Parameters.AddWithValue("$r" + i.ToString(CultureInfo.InvariantCulture), chunk[i]);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                declined.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        return declined;
    }

    private static string Names(string prefix, int count) =>
        string.Join(", ", Enumerable.Range(0, count).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture)));
}
