using Microsoft.Data.Sqlite;
using ResponsePortal.Listings;
using ResponsePortal.Store;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Tests.Store;

/// <summary>
/// Listing pages at scale: since migration 12 one index serves every filter, so a page and its count must read index
/// entries and nothing but the page's own rows. A plan that scanned the table would read every listing's JSON body for
/// each page.
/// </summary>
public sealed class SqliteListingPageTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-page-tests", Guid.NewGuid().ToString("N"));
    private SqlitePortalDatabase? _database;

    private SqlitePortalDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public Task InitializeAsync()
    {
        _database = SqlitePortalDatabase.Open(new PortalStorageOptions { DataDirectory = _directory });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    public static TheoryData<string> Filters => ["none", "category", "region", "type", "every filter", "any status"];

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task A_page_and_its_count_read_the_page_index_and_only_the_rows_they_show(string filters)
    {
        var query = filters switch
        {
            "none" => new ListingQuery(ListingSide.Offer),
            "category" => new ListingQuery(ListingSide.Offer, Category: "ppe-mask-ffp2"),
            "region" => new ListingQuery(ListingSide.Request, RegionPrefix: "DE6"),
            "type" => new ListingQuery(ListingSide.Offer, Type: ListingType.Capacity),
            "every filter" => new ListingQuery(ListingSide.Offer, "ppe-mask-ffp2", "DE", ListingType.Goods, ListingStatus.Withdrawn, Page: 3),
            _ => new ListingQuery(ListingSide.Request, Status: null),
        };

        var (count, page) = await PlansAsync(query);

        // The count reads index entries only (ix_listings_pages, or the matcher's index where it has the same prefix).
        Assert.All(count, step => Assert.Contains("USING COVERING INDEX", step, StringComparison.Ordinal));
        // The inner query picks the page's rowids from index entries; the outer one reads those rows by rowid, nothing else.
        Assert.Contains(page, step => step.Contains("USING COVERING INDEX", StringComparison.Ordinal));
        Assert.All(page.Where(step => step.Contains(" listings ", StringComparison.Ordinal)), step =>
            Assert.True(step.Contains("USING COVERING INDEX", StringComparison.Ordinal)
                || step.Contains("USING INTEGER PRIMARY KEY (rowid=?)", StringComparison.Ordinal), step));
    }

    [Fact]
    public async Task Housekeeping_reads_the_open_listings_on_the_page_index_not_the_closed_ones()
    {
        var connection = await Database.OpenReadConnectionAsync(CancellationToken.None);
        await using (connection)
        {
            using var command = connection.CreateCommand();
            command.Parameters.AddWithValue("$open", "Open");
            command.Parameters.AddWithValue("$until", "2026-12-01");

            var plan = Plan(command, SqliteListingStore.OpenExpiringSql);

            var step = Assert.Single(plan);
            Assert.Contains("USING INDEX ix_listings_pages (side=? AND status=?)", step, StringComparison.Ordinal);
        }
    }

    private async Task<(List<string> Count, List<string> Page)> PlansAsync(ListingQuery query)
    {
        var connection = await Database.OpenReadConnectionAsync(CancellationToken.None);
        await using (connection)
        {
            using var command = connection.CreateCommand();
            var where = SqliteListingStore.BindFilter(command, query);
            command.Parameters.AddWithValue("$limit", query.PageSize);
            command.Parameters.AddWithValue("$offset", (long)(query.Page - 1) * query.PageSize);
            return (Plan(command, SqliteListingStore.CountSql(where)), Plan(command, SqliteListingStore.PageSql(where)));
        }
    }

    private static List<string> Plan(SqliteCommand command, string sql)
    {
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var steps = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            steps.Add(reader.GetString(3) + " ");
        }

        Assert.NotEmpty(steps);
        return steps;
    }
}
