using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using ResponsePortal.Catalog;
using ResponsePortal.Listings;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Bench;

/// <summary>
/// <c>store [--seconds 5] [--rounds 6] [--callers 64] [--dir ./.bench-data]</c>: durable creates per second, group commit vs naive.
/// Both sides fsync every commit (WAL, synchronous=FULL) and run the same INSERT; only the commit strategy differs.
/// Use a directory on the disk you deploy to: on tmpfs an fsync is free and the ratio means nothing.
/// </summary>
public static class StoreBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 5.0);
        var rounds = (int)Option(args, "--rounds", 6.0);
        var callers = (int)Option(args, "--callers", 64.0);
        var root = Path.GetFullPath(Path.Combine(OptionText(args, "--dir") ?? ".bench-data", Guid.NewGuid().ToString("N")));
        var slice = TimeSpan.FromSeconds(seconds / rounds);

        try
        {
            // The modes take turns in short rounds, each round starting with a different mode, so a disk
            // that is busier at some moment (other builds, writeback after the previous mode) does not skew the ratio.
            var results = new Measurement[3];
            Array.Fill(results, new Measurement(0, TimeSpan.Zero, 0));
            for (var round = 0; round < rounds; round++)
            {
                var directory = Path.Combine(root, round.ToString(CultureInfo.InvariantCulture));
                for (var turn = 0; turn < 3; turn++)
                {
                    var mode = (round + turn) % 3;
                    results[mode] += mode switch
                    {
                        0 => NaiveOneTransactionPerInsert(Path.Combine(directory, "naive"), slice),
                        1 => await GroupCommitStore(Path.Combine(directory, "one-caller"), 1, slice),
                        _ => await GroupCommitStore(Path.Combine(directory, "grouped"), callers, slice),
                    };
                }
            }

            var (naive, single, grouped) = (results[0], results[1], results[2]);
            Report("naive: one transaction per insert", naive);
            Report("group-commit store, 1 caller", single);
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

    private sealed record Measurement(long Creates, TimeSpan Elapsed, long Commits)
    {
        public double PerSecond => Creates / Elapsed.TotalSeconds;

        public static Measurement operator +(Measurement a, Measurement b) =>
            new(a.Creates + b.Creates, a.Elapsed + b.Elapsed, a.Commits + b.Commits);
    }

    private static async Task<Measurement> GroupCommitStore(string directory, int callers, TimeSpan duration)
    {
        await using var database = SqlitePortalDatabase.Open(new PortalStorageOptions { DataDirectory = directory });
        var store = new SqliteListingStore(database, PortalCatalog.Load());
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
        return new Measurement(creates, clock.Elapsed, database.CommittedWrites.Batches);
    }

    private static Measurement NaiveOneTransactionPerInsert(string directory, TimeSpan duration)
    {
        var (creates, elapsed) = NaiveCommitLoop.Run(directory, duration, (connection, transaction, _) => ListingRows.Insert(connection, transaction, NewListing()));
        return new Measurement(creates, elapsed, creates);
    }

    private static void Report(string name, Measurement measurement) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-40} {measurement.Creates,8} creates in {measurement.Elapsed.TotalSeconds,5:F2} s = {measurement.PerSecond,9:F0} creates/s, {measurement.Creates / (double)measurement.Commits,5:F1} creates per commit"));

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
