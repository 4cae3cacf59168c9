using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using ResponsePortal.Pipeline;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Bench;

/// <summary>
/// <c>pipeline --app ResponsePortal.dll [--rate 100] [--seconds 25] [--warmup 3] [--queue-seconds 6] [--rounds 3] [--callers 64] [--dir D]</c>
/// <list type="number">
/// <item>Latency, submission to both e-mails: the real app as a child process (Release, fresh data directory) gets an
/// open-loop stream of <c>rate</c> submissions per second (sent by the clock, never waiting for answers), alternating
/// offer and request of pairs that match each other and nothing else. A FileSystemWatcher stamps each .eml file when
/// it appears in the pickup folder (it is renamed into place when complete). Latency of a pair = the later of its two
/// mail files minus the send time of the later of its two submissions. Pairs sent during the warm-up are not counted.</item>
/// <item>Queue throughput: work items enqueued (by <c>callers</c> concurrent producers) and leased and completed (by two
/// consumers) per second on the group-commit writer, against a raw loop inserting one work item per transaction with
/// the same durability (WAL, synchronous=FULL), in alternating rounds; printed as a ratio.</item>
/// </list>
/// </summary>
public static partial class PipelineBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var app = OptionText(args, "--app") ?? Path.Combine(AllocationSuite.FindRepositoryRoot(), "functions", "ResponsePortal", "bin", "Release", "net10.0", "ResponsePortal.dll");
        var rate = Option(args, "--rate", 100);
        var seconds = Option(args, "--seconds", 25);
        var warmup = Option(args, "--warmup", 3);
        var queueSeconds = Option(args, "--queue-seconds", 6);
        var rounds = (int)Option(args, "--rounds", 3);
        var callers = (int)Option(args, "--callers", 64);
        var root = Path.GetFullPath(Path.Combine(OptionText(args, "--dir") ?? Path.GetTempPath(), "rp-pipeline-bench-" + Guid.NewGuid().ToString("N")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}"));
        try
        {
            var latencyOk = await MeasureLatencyAsync(app, Path.Combine(root, "portal"), rate, seconds, warmup);
            await MeasureQueueThroughputAsync(Path.Combine(root, "queue"), TimeSpan.FromSeconds(queueSeconds / rounds), rounds, callers);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average at end:   {File.ReadAllText("/proc/loadavg").Trim()}"));
            return latencyOk ? 0 : 1;
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    // ---- Latency ---------------------------------------------------------------------------------------------------

    private static async Task<bool> MeasureLatencyAsync(string app, string dataDirectory, double rate, double seconds, double warmupSeconds)
    {
        if (!File.Exists(app))
        {
            throw new FileNotFoundException($"Build the app in Release first (bench/run-pipeline.sh does): {app} is missing.");
        }

        using var portal = await ChildPortal.StartAsync(app, dataDirectory);
        var pickup = Path.Combine(dataDirectory, "mail-pickup");
        Directory.CreateDirectory(pickup);
        var arrived = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using var watcher = new FileSystemWatcher(pickup, "*.eml") { NotifyFilter = NotifyFilters.FileName, InternalBufferSize = 256 * 1024 };
        var watcherErrors = 0;
        watcher.Created += (_, e) => arrived.TryAdd(e.Name!, Stopwatch.GetTimestamp());
        watcher.Renamed += (_, e) => arrived.TryAdd(e.Name!, Stopwatch.GetTimestamp());
        watcher.Error += (_, _) => Interlocked.Increment(ref watcherErrors);
        watcher.EnableRaisingEvents = true;

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = portal.Address,
            Timeout = TimeSpan.FromSeconds(60),
        };

        // Warm the connection pool and the app's code paths a little, outside the measured stream (pair -1).
        for (var i = 0; i < 4; i++)
        {
            await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        }

        var total = (int)(rate * seconds) & ~1; // whole pairs
        var sentAt = new long[total];
        var sentWall = new DateTimeOffset[total];
        var ids = new string?[total];
        var failures = 0;
        var responses = new Task[total];
        var interval = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        long worstLag = 0;
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * interval);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > Stopwatch.Frequency / 1000)
            {
                await Task.Delay(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
            }

            while (Stopwatch.GetTimestamp() < due)
            {
                Thread.SpinWait(50);
            }

            var index = i;
            var body = index % 2 == 0 ? OfferBody(index / 2) : RequestBody(index / 2);
            sentAt[index] = Stopwatch.GetTimestamp();
            sentWall[index] = DateTimeOffset.UtcNow;
            worstLag = Math.Max(worstLag, sentAt[index] - due);
            responses[index] = PostAsync(client, index % 2 == 0 ? "offers" : "requests", body).ContinueWith(
                t =>
                {
                    if (t.IsCompletedSuccessfully && t.Result is { } id)
                    {
                        ids[index] = id;
                    }
                    else
                    {
                        Interlocked.Increment(ref failures);
                    }
                },
                TaskScheduler.Default);
        }

        var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await Task.WhenAll(responses);
        var acknowledgedPairs = Enumerable.Range(0, total / 2).Count(p => ids[2 * p] is not null && ids[(2 * p) + 1] is not null);

        // Wait for the mails of every acknowledged pair (or until nothing new has arrived for 30 s).
        var lastCount = -1;
        var lastProgress = Stopwatch.GetTimestamp();
        while (arrived.Count < 2 * acknowledgedPairs && Stopwatch.GetElapsedTime(lastProgress) < TimeSpan.FromSeconds(30))
        {
            if (arrived.Count != lastCount)
            {
                lastCount = arrived.Count;
                lastProgress = Stopwatch.GetTimestamp();
            }

            await Task.Delay(50);
        }

        await Task.Delay(200); // late watcher events
        var onDisk = Directory.GetFiles(pickup, "*.eml").Length;
        var matches = ReadMatches(dataDirectory);
        portal.Stop();

        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < total; i++)
        {
            if (ids[i] is { } id)
            {
                indexOf[id] = i;
            }
        }

        var warmupEnd = start + (long)(warmupSeconds * Stopwatch.Frequency);
        var latencies = new List<double>();
        var toMatch = new List<double>(); // later submission -> match row committed (intake, match queue, matcher)
        var toMails = new List<double>(); // match row committed -> both mail files (notify queue, notifier)
        int unmatchedPairs = 0, missingMails = 0, foreign = 0;
        foreach (var (matchId, offerId, requestId, matchedAt) in matches)
        {
            if (!indexOf.TryGetValue(offerId, out var o) || !indexOf.TryGetValue(requestId, out var r) || o / 2 != r / 2)
            {
                foreign++; // a match across pairs: the geometry should make this impossible
                continue;
            }

            if (!arrived.TryGetValue(matchId + ".offer.proposed.eml", out var offerMail) || !arrived.TryGetValue(matchId + ".request.proposed.eml", out var requestMail))
            {
                missingMails++;
                continue;
            }

            var submitted = Math.Max(sentAt[o], sentAt[r]);
            if (submitted < warmupEnd)
            {
                continue;
            }

            var wholeMs = Stopwatch.GetElapsedTime(submitted, Math.Max(offerMail, requestMail)).TotalMilliseconds;
            latencies.Add(wholeMs);
            var matchMs = (matchedAt - (sentAt[o] > sentAt[r] ? sentWall[o] : sentWall[r])).TotalMilliseconds;
            toMatch.Add(matchMs);
            toMails.Add(wholeMs - matchMs);
        }

        unmatchedPairs = acknowledgedPairs - matches.Count;
        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pipeline latency: {total} submissions in {sendSeconds:F1} s ({total / sendSeconds:F1}/s offered, open loop, worst scheduler lag {worstLag * 1000.0 / Stopwatch.Frequency:F1} ms), {failures} failed"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  pairs acknowledged {acknowledgedPairs}, matched {matches.Count}, unmatched {unmatchedPairs}, cross-pair {foreign}, mails seen {arrived.Count} (on disk {onDisk}), missing {missingMails}, watcher errors {watcherErrors}"));
        if (latencies.Count == 0)
        {
            Console.WriteLine("  no measured pairs");
            return false;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  submission -> both mails, {latencies.Count} pairs after {warmupSeconds:F0} s warm-up: p50 {Percentile(latencies, 0.50):F1} ms, p90 {Percentile(latencies, 0.90):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms"));
        toMatch.Sort();
        toMails.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  of which submission -> match stored: p50 {Percentile(toMatch, 0.50):F1} ms, p99 {Percentile(toMatch, 0.99):F1} ms; match stored -> both mails: p50 {Percentile(toMails, 0.50):F1} ms, p99 {Percentile(toMails, 0.99):F1} ms"));
        var p99 = Percentile(latencies, 0.99);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  target p99 <= 200 ms: {(p99 <= 200 ? "met" : "MISSED")}"));
        return failures == 0 && unmatchedPairs == 0 && foreign == 0 && missingMails == 0;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task<string?> PostAsync(HttpClient client, string side, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/" + side, UriKind.Relative), content);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            Console.Error.WriteLine($"POST /api/{side}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return null;
        }

        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
    }

    /// <summary>Pair k sits on its own grid point (0.4° apart north-south, 0.5° east-west); offers reach 5 km, so a request matches only its own offer.</summary>
    private static (double Lat, double Lon) Spot(int pair) => (36 + (pair / 60 * 0.4), -8 + (pair % 60 * 0.5));

    private static string Date(int days) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string OfferBody(int pair)
    {
        var (lat, lon) = Spot(pair);
        return new JsonObject
        {
            ["type"] = "goods", ["category"] = "ppe-mask-ffp2", ["title"] = $"FFP2 masks, lot {pair}", ["quantity"] = 500, ["unit"] = "piece",
            ["region"] = "DE60", ["lat"] = lat, ["lon"] = lon, ["radiusKm"] = 5, ["availableFrom"] = Date(1), ["expiresAt"] = Date(60),
            ["certifications"] = new JsonArray("EN149:FFP2", "CE"),
            ["organisation"] = new JsonObject { ["name"] = "Nordlicht Textil GmbH" },
            ["contact"] = new JsonObject { ["name"] = "Jana Petersen", ["email"] = $"offer{pair}@example.org" },
            ["language"] = "de",
        }.ToJsonString();
    }

    private static string RequestBody(int pair)
    {
        var (lat, lon) = Spot(pair);
        return new JsonObject
        {
            ["type"] = "goods", ["category"] = "ppe-mask-ffp2", ["title"] = $"FFP2 masks for ward {pair}", ["quantity"] = 500, ["unit"] = "piece",
            ["region"] = "DE60", ["lat"] = lat + 0.01, ["lon"] = lon, ["neededBy"] = Date(14), ["urgency"] = "high",
            ["requiredCertifications"] = new JsonArray("EN149:FFP2"),
            ["organisation"] = new JsonObject { ["name"] = "Klinikum Nord" },
            ["contact"] = new JsonObject { ["name"] = "Max Weber", ["email"] = $"request{pair}@example.org" },
            ["language"] = "en",
        }.ToJsonString();
    }

    private static List<(string Id, string Offer, string Request, DateTimeOffset CreatedAt)> ReadMatches(string dataDirectory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, SqlitePortalDatabase.FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, offer_id, request_id, created_at FROM matches";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string, DateTimeOffset)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    private static async Task MeasureQueueThroughputAsync(string root, TimeSpan slice, int rounds, int callers)
    {
        double queueItems = 0, queueSeconds = 0, rawItems = 0, rawSeconds = 0;
        for (var round = 0; round < rounds; round++)
        {
            var directory = Path.Combine(root, round.ToString(CultureInfo.InvariantCulture));
            for (var turn = 0; turn < 2; turn++)
            {
                if ((round + turn) % 2 == 0)
                {
                    var (items, elapsed) = await QueueEnqueueAndCompleteAsync(Path.Combine(directory, "queue"), slice, callers);
                    queueItems += items;
                    queueSeconds += elapsed.TotalSeconds;
                }
                else
                {
                    var (items, elapsed) = RawInsertLoop(Path.Combine(directory, "raw"), slice);
                    rawItems += items;
                    rawSeconds += elapsed.TotalSeconds;
                }
            }
        }

        var queueRate = queueItems / queueSeconds;
        var rawRate = rawItems / rawSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"queue: enqueue+lease+complete, {callers} producers, 2 consumers: {queueItems,8:F0} items in {queueSeconds,5:F2} s = {queueRate,8:F0} items/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"raw:   one INSERT per transaction (WAL, synchronous=FULL): {rawItems,8:F0} items in {rawSeconds,5:F2} s = {rawRate,8:F0} items/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio queue (enqueued and completed) / raw insert: {queueRate / rawRate:F1}x"));
    }

    private static async Task<(long Items, TimeSpan Elapsed)> QueueEnqueueAndCompleteAsync(string directory, TimeSpan duration, int callers)
    {
        await using var database = SqlitePortalDatabase.Open(new PortalStorageOptions { DataDirectory = directory });
        var queue = new SqliteWorkQueue(database, TimeProvider.System);
        long completed = 0;
        var clock = Stopwatch.StartNew();
        var producers = Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var n = 0;
            while (clock.Elapsed < duration)
            {
                await queue.EnqueueAsync([NotifyWork.For($"m-{c}-{n++}", NotifyEvents.Proposed)], CancellationToken.None);
            }
        })).ToList();
        var consumers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var signalled = database.WorkSignal.Current;
                var work = await queue.LeaseAsync(Queues.Notify, 64, TimeSpan.FromSeconds(30), CancellationToken.None);
                if (work.Count == 0)
                {
                    await Task.WhenAny(signalled, Task.Delay(100));
                    continue;
                }

                await queue.CompleteAsync(work, [], CancellationToken.None);
                Interlocked.Add(ref completed, work.Count);
            }
        })).ToList();
        await Task.WhenAll(producers.Concat(consumers));
        return (completed, clock.Elapsed);
    }

    private static (long Items, TimeSpan Elapsed) RawInsertLoop(string directory, TimeSpan duration) =>
        NaiveCommitLoop.Run(directory, duration, (connection, transaction, n) =>
            WorkItemRows.Insert(connection, transaction, NotifyWork.For($"m-raw-{n}", NotifyEvents.Proposed), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));

    private static double Option(string[] args, string name, double fallback) =>
        OptionText(args, name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
