using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using ResponsePortal.Catalog;
using ResponsePortal.Listings;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Bench;

/// <summary>
/// <c>dashboard [--listings 100000] [--matches 50000] [--samples 30] [--app …/ResponsePortal.dll] [--dir ./.bench-data]</c>:
/// seeds a portal database directly through SQLite (the dashboard's triggers fill the aggregates as the rows go in),
/// starts the real app on it, and times GET /dashboard against GET / (the landing page: same layout, same middleware,
/// almost no data) in interleaved rounds. Reports medians and the ratio; the target is at most 10.
/// Signs in through the App Service header seam (Portal:Auth:Mode=AppService), so no e-mail round trip is needed.
/// </summary>
public static class DashboardBench
{
    private const string Authority = "bench-authority@example.org";
    private const string ClusterManager = "bench-cluster@example.org";

    public static async Task<int> RunAsync(string[] args)
    {
        var listings = (int)Option(args, "--listings", 100_000);
        var matches = (int)Option(args, "--matches", 50_000);
        var samples = (int)Option(args, "--samples", 30);
        var root = AllocationSuite.FindRepositoryRoot();
        var app = Path.GetFullPath(OptionText(args, "--app") ?? Path.Combine(root, "functions", "ResponsePortal", "bin", "Release", "net10.0", "ResponsePortal.dll"));
        var directory = Path.GetFullPath(Path.Combine(OptionText(args, "--dir") ?? Path.Combine(root, "bench", "out", "dashboard-data"), Guid.NewGuid().ToString("N")));
        try
        {
            var seeding = Stopwatch.StartNew();
            Seed(directory, listings, matches);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {listings:N0} listings and {matches:N0} matches in {seeding.Elapsed.TotalSeconds:F1} s"));

            var port = FreePort();
            using var process = Start(app, directory, port);
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                await WaitUntilUpAsync(http, process);
                return await MeasureAsync(http, samples);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the next run's cleanup of bench/out.
            }
        }
    }

    private static async Task<int> MeasureAsync(HttpClient http, int samples)
    {
        (string Name, string Path, string User)[] targets =
        [
            ("trivial page GET /", "/", Authority),
            ("GET /dashboard (authority, all)", "/dashboard", Authority),
            ("GET /dashboard?urgency=critical&region=DE&period=90d", "/dashboard?urgency=critical&region=DE&period=90d", Authority),
            ("GET /dashboard (cluster manager)", "/dashboard", ClusterManager),
            ("GET /api/dashboard", "/api/dashboard", Authority),
        ];

        // Warm-up: JIT, Razor compilation, SQLite page cache, for every target.
        foreach (var target in targets)
        {
            for (var i = 0; i < 5; i++)
            {
                await TimeAsync(http, target.Path, target.User);
            }
        }

        // Interleaved: each round times every target once, so a busy moment on the shared cores hits all alike.
        var times = targets.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < samples; round++)
        {
            for (var t = 0; t < targets.Length; t++)
            {
                times[t].Add(await TimeAsync(http, targets[t].Path, targets[t].User));
            }
        }

        var baseline = Median(times[0]);
        Console.WriteLine($"{"target",-58} {"median ms",10} {"p90 ms",8} {"x trivial",10}");
        for (var t = 0; t < targets.Length; t++)
        {
            var median = Median(times[t]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{targets[t].Name,-58} {median,10:F2} {Percentile(times[t], 0.9),8:F2} {median / baseline,10:F1}"));
        }

        var ratio = Median(times[1]) / baseline;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio dashboard / trivial page: {ratio:F1}x (target <= 10x)"));
        return ratio <= 10 ? 0 : 1;
    }

    private static async Task<double> TimeAsync(HttpClient http, string path, string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-NAME", user);
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK || body.Length == 0)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
        }

        return elapsed;
    }

    private static Process Start(string app, string directory, int port)
    {
        if (!File.Exists(app))
        {
            throw new FileNotFoundException($"Build the app first (dotnet build -c Release functions/ResponsePortal): {app}");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        foreach (var argument in new[]
        {
            app, "--urls", $"http://127.0.0.1:{port}", $"--Portal:DataDirectory={directory}", "--Portal:Auth:Mode=AppService",
            "--Logging:LogLevel:Default=Warning", "--environment=Production",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("[app] " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilUpAsync(HttpClient http, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("The app did not start.");
    }

    /// <summary>
    /// Realistic shape, not uniform noise: each category keeps its listing type, each of 12 clusters posts from two or three
    /// home regions, requests are 20 % critical, 30 % high, 50 % normal, postings spread over 90 days.
    /// </summary>
    internal static void Seed(string directory, int listingCount, int matchCount)
    {
        var catalog = PortalCatalog.Load();
        using (SqlitePortalDatabase.Open(new PortalStorageOptions { DataDirectory = directory }))
        {
            // Opening migrates the schema (and installs the dashboard's triggers); the seeding below uses its own connection.
        }

        var random = new Random(42);
        var regions = catalog.Regions.Where(r => r.Level == 2).ToList();
        var clusters = Enumerable.Range(0, 12).Select(i => (Name: $"cluster-{i:00}", Regions: Enumerable.Range(0, 2 + (i % 2)).Select(_ => regions[random.Next(regions.Count)]).ToArray())).ToArray();
        var categories = catalog.Categories;
        var now = DateTimeOffset.UtcNow;
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, SqlitePortalDatabase.FileName), Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            // Seeding only: a big page cache keeps the aggregate tables' pages in memory for the one long transaction.
            pragma.CommandText = "PRAGMA cache_size = -262144; PRAGMA synchronous = OFF;";
            pragma.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        var offers = new List<(string Id, DateTimeOffset Created)>();
        var requests = new List<(string Id, DateTimeOffset Created)>();
        for (var i = 0; i < listingCount; i++)
        {
            var side = i % 2 == 0 ? ListingSide.Offer : ListingSide.Request;
            var category = categories[random.Next(categories.Count)];
            var type = ListingCodes.ParseType(category.Types[0]) ?? ListingType.Goods;
            var cluster = clusters[random.Next(clusters.Length)];
            var region = cluster.Regions[random.Next(cluster.Regions.Length)];
            var created = now.AddMinutes(-random.Next(90 * 24 * 60));
            var urgencyDraw = random.Next(10);
            var listing = new Listing
            {
                Id = ListingService.NewId(side),
                Side = side,
                Type = type,
                Category = category.Id,
                Title = $"{category.Label.En} #{i}",
                Quantity = 10 * (1 + random.Next(1000)),
                Unit = category.DefaultUnit,
                Region = region.Code,
                Lat = region.Lat,
                Lon = region.Lon,
                RadiusKm = side == ListingSide.Offer ? 300 : null,
                NeededBy = side == ListingSide.Request ? DateOnly.FromDateTime(now.UtcDateTime).AddDays(14) : null,
                Urgency = side == ListingSide.Request ? (urgencyDraw < 2 ? Urgency.Critical : urgencyDraw < 5 ? Urgency.High : Urgency.Normal) : null,
                ExpiresAt = DateOnly.FromDateTime(now.UtcDateTime).AddDays(60),
                Organisation = new Organisation($"Member {random.Next(2000)}", cluster.Name),
                Contact = new Contact("Bench Person", $"person{i}@example.org", null),
                Language = "en",
                Status = random.Next(20) == 0 ? ListingStatus.Withdrawn : ListingStatus.Open,
                CreatedAt = created,
                UpdatedAt = created,
                ManageTokenHash = "0000",
            };
            ListingRows.Insert(connection, transaction, listing);
            (side == ListingSide.Offer ? offers : requests).Add((listing.Id, created));
        }

        using (var account = connection.CreateCommand())
        {
            account.Transaction = transaction;
            account.CommandText = """
                INSERT INTO accounts (email, role, cluster, created_at) VALUES ($a, 'authority', NULL, $now), ($c, 'cluster-manager', 'cluster-03', $now)
                """;
            account.Parameters.AddWithValue("$a", Authority);
            account.Parameters.AddWithValue("$c", ClusterManager);
            account.Parameters.AddWithValue("$now", ListingRows.SortableUtc(now));
            account.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO matches (id, offer_id, request_id, offer_terms, request_terms, quantity, state, closure_reason, explanation, created_at, updated_at)
            VALUES ($id, $offer, $request, 't', 't', $quantity, $state, $reason, '{}', $created, $created)
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var offer = insert.Parameters.Add("$offer", SqliteType.Text);
        var request = insert.Parameters.Add("$request", SqliteType.Text);
        var quantity = insert.Parameters.Add("$quantity", SqliteType.Integer);
        var state = insert.Parameters.Add("$state", SqliteType.Text);
        var reason = insert.Parameters.Add("$reason", SqliteType.Text);
        var createdAt = insert.Parameters.Add("$created", SqliteType.Text);
        (string State, string? Reason)[] outcomes =
        [
            ("proposed", null), ("proposed", null), ("accepted-by-offer", null), ("accepted", null), ("completed", "delivered"),
            ("declined", "prefers-another"), ("withdrawn", "no-supply-left"), ("expired", "no-reply"),
        ];
        for (var i = 0; i < matchCount; i++)
        {
            var r = requests[random.Next(requests.Count)];
            var outcome = outcomes[random.Next(outcomes.Length)];
            id.Value = "m-" + i.ToString("x20", CultureInfo.InvariantCulture);
            offer.Value = offers[random.Next(offers.Count)].Id;
            request.Value = r.Id;
            quantity.Value = 1 + random.Next(100);
            state.Value = outcome.State;
            reason.Value = (object?)outcome.Reason ?? DBNull.Value;
            // Minutes to days after posting, skewed short, as a matcher that runs on every change would give.
            var delay = TimeSpan.FromSeconds(Math.Pow(random.NextDouble(), 3) * 5 * 86400);
            createdAt.Value = ListingRows.SortableUtc(r.Created + delay);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }

    private static double Option(string[] args, string name, double fallback) =>
        OptionText(args, name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
