using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using ResponsePortal.Listings;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Bench;

/// <summary>
/// <c>store [--seconds 3] [--callers 64] [--dir ./.bench-data]</c>: durable creates per second, group commit vs naive.
/// Both sides fsync every commit (WAL, synchronous=FULL) and run the same INSERT; only the commit strategy differs.
/// Use a directory on the disk you deploy to: on tmpfs an fsync is free and the ratio means nothing.
/// </summary>
public static class StoreBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 3.0);
        var callers = (int)Option(args, "--callers", 64.0);
        var root = Path.GetFullPath(Path.Combine(OptionText(args, "--dir") ?? ".bench-data", Guid.NewGuid().ToString("N")));
        var duration = TimeSpan.FromSeconds(seconds);

        try
        {
            var naive = NaiveOneTransactionPerInsert(Path.Combine(root, "naive"), duration);
            Report("naive: one transaction per insert", naive);
            var single = await GroupCommitStore(Path.Combine(root, "one-caller"), 1, duration);
            Report("group-commit store, 1 caller", single);
            var grouped = await GroupCommitStore(Path.Combine(root, "grouped"), callers, duration);
            Report($"group-commit store, {callers} callers", grouped);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio group-commit({callers}) / naive: {grouped.PerSecond / naive.PerSecond:F1}x"));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed record Measurement(long Creates, TimeSpan Elapsed)
    {
        public double PerSecond => Creates / Elapsed.TotalSeconds;
    }

    private static async Task<Measurement> GroupCommitStore(string directory, int callers, TimeSpan duration)
    {
        await using var store = SqliteListingStore.Open(new PortalStorageOptions { DataDirectory = directory });
        long creates = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                await store.CreateAsync(NewListing(), null, CancellationToken.None);
                Interlocked.Increment(ref creates);
            }
        }));
        await Task.WhenAll(workers);
        return new Measurement(creates, clock.Elapsed);
    }

    private static Measurement NaiveOneTransactionPerInsert(string directory, TimeSpan duration)
    {
        // Let the real store create the schema, then write to the file the obvious way.
        SqlitePortalDatabase.Open(new PortalStorageOptions { DataDirectory = directory }).DisposeAsync().AsTask().GetAwaiter().GetResult();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, SqlitePortalDatabase.FileName)};Pooling=False");
        connection.Open();
        using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";
            pragmas.ExecuteNonQuery();
        }

        long creates = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            using var transaction = connection.BeginTransaction();
            ListingRows.Insert(connection, transaction, NewListing());
            transaction.Commit();
            creates++;
        }

        return new Measurement(creates, clock.Elapsed);
    }

    private static void Report(string name, Measurement measurement) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-40} {measurement.Creates,8} creates in {measurement.Elapsed.TotalSeconds,5:F2} s = {measurement.PerSecond,9:F0} creates/s"));

    private static Listing NewListing()
    {
        var now = DateTimeOffset.UtcNow;
        return new Listing
        {
            Id = Guid.NewGuid().ToString("N"),
            Side = ListingSide.Offer,
            Type = ListingType.Goods,
            Category = "33141620",
            Title = "FFP2 masks, EN 149",
            Quantity = 12_000,
            Unit = "pieces",
            Region = "DE600",
            Lat = 53.55,
            Lon = 9.99,
            RadiusKm = 250,
            ExpiresAt = DateOnly.FromDateTime(now.UtcDateTime.AddDays(60)),
            Certifications = ["EN 149 FFP2", "CE"],
            Organisation = new Organisation("Hanse Medical GmbH", "Life Science Nord"),
            Contact = new Contact("Jana Peters", "jana.peters@example.org", null),
            Language = "de",
            Status = ListingStatus.Open,
            CreatedAt = now,
            UpdatedAt = now,
            ManageTokenHash = new string('a', 64),
        };
    }

    private static double Option(string[] args, string name, double fallback) =>
        OptionText(args, name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
