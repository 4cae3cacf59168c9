using Microsoft.Data.Sqlite;
using ResponsePortal.Catalog;
using ResponsePortal.Listings;
using ResponsePortal.Store;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Tests.Store;

/// <summary>
/// Databases as older builds left them, opened by this one: the migrations keep what was stored, and the triggers they
/// rewrote keep the dashboard's aggregates moving.
/// </summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-migration-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Migration_10_keeps_the_coordinates_and_dashboard_counts_of_listings_an_older_build_stored()
    {
        var offer = TestListings.Offer();
        var request = TestListings.Request(region: "DE300");
        using (var connection = OpenAtVersion(9))
        {
            foreach (var listing in new[] { offer, request })
            {
                // As the build with migration 9 wrote them: the coordinates only in the body, then the dashboard row.
                InsertAsStored(connection, listing, """
                    INSERT INTO listings (id, side, type, category, region, status, created_at, updated_at, version, manage_token_hash, expires_at, body)
                    VALUES ($id, $side, 'Goods', $category, $region, 'Open', '2026-03-02T08:30:15.0000000Z', '2026-03-02T08:30:15.0000000Z', 0, 'h', '2026-06-30', $body);
                    INSERT INTO dash_listings (id, side, type, category, region, urgency, cluster, status, quantity, created_at)
                    VALUES ($id, $side, 'Goods', $category, $region, $urgency, 'Life Science Nord', 'Open', 12000, '2026-03-02T08:30:15.0000000Z');
                    """);
            }
        }

        await using var database = SqlitePortalDatabase.Open(Options);
        var store = new SqliteListingStore(database, PortalCatalog.Load());
        // A change after the migration moves the counts through the rewritten update trigger.
        Assert.NotNull(await store.UpdateAsync(offer with { Status = ListingStatus.Withdrawn }, expectedVersion: 0, CancellationToken.None));

        Assert.Equal(
            new Dictionary<string, string> { [offer.Id] = "53.551086|9.993682|250", [request.Id] = "53.551086|9.993682|" },
            await DatabaseRows.RowsAsync(database, "SELECT id, lat || '|' || lon || '|' || COALESCE(radius_km, '') FROM listings"));
        Assert.Equal(
            new Dictionary<string, string> { ["Offer|Open"] = "0|0", ["Offer|Withdrawn"] = "1|12000", ["Request|Open"] = "1|12000" },
            await DatabaseRows.RowsAsync(database, "SELECT side || '|' || status, SUM(listings) || '|' || SUM(quantity) FROM dash_cube GROUP BY side, status"));
    }

    [Fact]
    public async Task Migration_13_moves_the_dashboard_columns_into_listings_and_matches_still_move_the_held_quantity()
    {
        var offer = TestListings.Offer();
        var request = TestListings.Request(region: "DE300");
        using (var connection = OpenAtVersion(12))
        {
            foreach (var listing in new[] { offer, request })
            {
                // As the build with migration 12 wrote them: the row, its dashboard row and its cube counts.
                InsertAsStored(connection, listing, """
                    INSERT INTO listings (id, side, type, category, region, status, created_at, updated_at, version, manage_token_hash, expires_at, body, lat, lon, radius_km)
                    VALUES ($id, $side, 'Goods', $category, $region, 'Open', '2026-03-02T08:30:15.0000000Z', '2026-03-02T08:30:15.0000000Z', 0, 'h', '2026-06-30', $body, 53.55, 9.99, NULL);
                    INSERT INTO dash_listings (id, side, type, category, region, urgency, cluster, status, quantity, created_at)
                    VALUES ($id, $side, 'Goods', $category, $region, $urgency, 'Life Science Nord', 'Open', 12000, '2026-03-02T08:30:15.0000000Z');
                    INSERT INTO dash_cube (side, type, category, region, urgency, cluster, status, listings, quantity, held)
                    VALUES ($side, 'Goods', $category, $region, $urgency, 'Life Science Nord', 'Open', 1, 12000, 0);
                    """);
            }

            // A proposed match, through that build's triggers: it holds 2,000 of both listings and is their first match.
            using var match = connection.CreateCommand();
            match.CommandText = """
                INSERT INTO matches (id, offer_id, request_id, offer_terms, request_terms, quantity, state, explanation, created_at, updated_at)
                VALUES ('m1', $offer, $request, 't', 't', 2000, 'proposed', '{}', '2026-03-02T09:00:00.0000000Z', '2026-03-02T09:00:00.0000000Z');
                """;
            match.Parameters.AddWithValue("$offer", offer.Id);
            match.Parameters.AddWithValue("$request", request.Id);
            match.ExecuteNonQuery();
        }

        await using var database = SqlitePortalDatabase.Open(Options);

        var urgency = request.Urgency?.ToString();
        Assert.Equal(
            new Dictionary<string, string>
            {
                [offer.Id] = "|Life Science Nord|12000|2000|2026-03-02T09:00:00.0000000Z",
                [request.Id] = $"{urgency}|Life Science Nord|12000|2000|2026-03-02T09:00:00.0000000Z",
            },
            await DatabaseRows.RowsAsync(database,
                "SELECT id, urgency || '|' || cluster || '|' || quantity || '|' || held || '|' || COALESCE(first_match_at, '') FROM listings"));
        Assert.Equal(0L, await ScalarAsync(database, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'dash_listings'"));

        // Declined after the migration: the rewritten triggers free the held quantity in the listings and in the cube.
        await database.ExecuteInWriteTransactionAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE matches SET state = 'declined', closure_reason = 'declined-by-offer' WHERE id = 'm1'";
            return command.ExecuteNonQuery();
        }, CancellationToken.None);

        Assert.Equal(0L, await ScalarAsync(database, "SELECT SUM(held) FROM listings"));
        Assert.Equal(
            new Dictionary<string, string> { ["Offer"] = "1|12000|0", ["Request"] = "1|12000|0" },
            await DatabaseRows.RowsAsync(database, "SELECT side, SUM(listings) || '|' || SUM(quantity) || '|' || SUM(held) FROM dash_cube GROUP BY side"));
        Assert.Equal(
            new Dictionary<string, string> { ["m1"] = "declined|declined-by-offer" },
            await DatabaseRows.RowsAsync(database, "SELECT id, state || '|' || reason FROM dash_matches"));
    }

    private PortalStorageOptions Options => new() { DataDirectory = _directory };

    /// <summary>A new database file brought to <paramref name="version"/> only, as an older build left it.</summary>
    private SqliteConnection OpenAtVersion(int version)
    {
        Directory.CreateDirectory(_directory);
        var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, SqlitePortalDatabase.FileName)};Pooling=False");
        connection.Open();
        SqliteMigrations.Apply(connection, version);
        return connection;
    }

    /// <summary>Runs <paramref name="sql"/> with the listing's $id, $side, $category, $region, $urgency and $body.</summary>
    private static void InsertAsStored(SqliteConnection connection, Listing listing, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", listing.Id);
        command.Parameters.AddWithValue("$side", listing.Side.ToString());
        command.Parameters.AddWithValue("$category", listing.Category);
        command.Parameters.AddWithValue("$region", listing.Region);
        command.Parameters.AddWithValue("$urgency", listing.Urgency?.ToString() ?? "");
        command.Parameters.AddWithValue("$body", System.Text.Json.JsonSerializer.Serialize(listing, ListingJsonContext.Default.Listing));
        command.ExecuteNonQuery();
    }

    private static async Task<long> ScalarAsync(SqlitePortalDatabase database, string sql)
    {
        long value = 0;
        await DatabaseRows.ReadAsync(database, sql, reader => value = reader.GetInt64(0));
        return value;
    }
}
