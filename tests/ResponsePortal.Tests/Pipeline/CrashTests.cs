using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using ResponsePortal.Tests.Api;
using ResponsePortal.Tests.Support;

namespace ResponsePortal.Tests.Pipeline;

/// <summary>
/// The portal as a real child process, killed with SIGKILL at random moments while submissions stream in, then restarted:
/// nothing acknowledged with 201 is lost, and every match is notified exactly once per side.
/// Each start binds port 0 and the test reads the port Kestrel reports ("Now listening on"), so no other process can take
/// the port between choosing and binding it; every wait is for a condition, with deadlines for a loaded CI machine.
/// </summary>
public sealed partial class CrashTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "rp-crash-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _portalOutput = new();
    private Process? _portal;
    private HttpClient? _client;

    [Fact]
    public async Task Killing_the_portal_mid_stream_loses_nothing_acknowledged_and_notifies_every_match_exactly_once()
    {
        var acknowledged = new List<string>();
        var random = new Random(4711);
        var sent = 0;

        for (var round = 0; round < 4; round++)
        {
            var client = await StartAsync();
            var killAt = DateTime.UtcNow + TimeSpan.FromMilliseconds(random.Next(300, 1200));
            while (DateTime.UtcNow < killAt || round == 3 && sent < 160)
            {
                var side = sent++ % 3 == 0 ? "offers" : "requests";
                var body = side == "offers" ? ListingBodies.Offer() : ListingBodies.Request();
                body["quantity"] = side == "offers" ? 1000 : 300;
                try
                {
                    using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                    var response = await client.PostAsync(new Uri("/api/" + side, UriKind.Relative), content);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var json = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                        acknowledged.Add(json["id"]!.GetValue<string>());
                    }
                }
                catch (HttpRequestException)
                {
                    break; // killed underneath us: not acknowledged, so allowed to be lost
                }
                catch (TaskCanceledException)
                {
                    break;
                }

                if (round == 3 && sent >= 160)
                {
                    break;
                }
            }

            if (round < 3)
            {
                _portal!.Kill(entireProcessTree: true); // SIGKILL: no shutdown hooks, no flush
                await _portal.WaitForExitAsync();
            }
        }

        // The last run drains the queue (leases of killed workers come back after 2 s; failed items back off).
        await Eventually.UntilAsync(() => Task.FromResult(PendingWork()), pending => pending == 0, "the work queue to drain", TimeSpan.FromSeconds(180), TimeSpan.FromMilliseconds(200));
        foreach (var id in acknowledged)
        {
            var side = id.StartsWith("o-", StringComparison.Ordinal) ? "offers" : "requests";
            Assert.Equal(HttpStatusCode.OK, (await _client!.GetAsync(new Uri($"/api/{side}/{id}", UriKind.Relative))).StatusCode);
        }

        _portal!.Kill(entireProcessTree: true);
        await _portal.WaitForExitAsync();

        var mails = PickupMailbox.Read(_dataDirectory);
        var matches = Query("SELECT id, offer_id, request_id, quantity FROM matches", r => (Id: r.GetString(0), Offer: r.GetString(1), Request: r.GetString(2), Quantity: r.GetInt64(3)));
        Assert.NotEmpty(matches);
        foreach (var match in matches)
        {
            Assert.Single(mails, m => m.Key == $"{match.Id}.offer.proposed");
            Assert.Single(mails, m => m.Key == $"{match.Id}.request.proposed");
        }

        Assert.Equal(2 * matches.Count, mails.Count);
        Assert.Empty(Directory.GetFiles(Path.Combine(PickupMailbox.FolderOf(_dataDirectory), ".incoming"), "*", SearchOption.AllDirectories));
        Assert.Equal(mails.Count, Query("SELECT COUNT(*) FROM notifications WHERE state = 'sent'", r => r.GetInt64(0)).Single());
        Assert.All(matches.GroupBy(m => m.Offer), g => Assert.True(g.Sum(m => m.Quantity) <= 1000));
        Assert.All(matches.GroupBy(m => m.Request), g => Assert.True(g.Sum(m => m.Quantity) <= 300));
    }

    /// <summary>
    /// Starts the portal on a port of its own choosing and returns a client for it once /healthz answers. Start-up of a
    /// .NET child process on a loaded two-core machine can take tens of seconds (JIT, WAL recovery after the kill).
    /// </summary>
    private async Task<HttpClient> StartAsync()
    {
        _client?.Dispose();
        _portal?.Dispose();
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { AppPath(), "--urls", "http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["Portal__DataDirectory"] = _dataDirectory;
        info.Environment["Portal__Pipeline__LeaseTime"] = "00:00:02";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information"; // "Now listening on: <address>"
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var portal = Process.Start(info)!;
        _portal = portal;
        portal.OutputDataReceived += (_, e) => Observe(e.Data, address);
        portal.ErrorDataReceived += (_, e) => Observe(e.Data, address);
        portal.BeginOutputReadLine();
        portal.BeginErrorReadLine();

        var started = await Task.WhenAny(address.Task, portal.WaitForExitAsync(), Task.Delay(Eventually.Patience));
        Assert.True(started == address.Task, $"The portal did not report its address (exited: {portal.HasExited}). Output:\n{Output()}");
        var client = new HttpClient { BaseAddress = address.Task.Result, Timeout = TimeSpan.FromSeconds(100) };
        _client = client;
        await Eventually.UntilAsync(
            async () =>
            {
                Assert.False(portal.HasExited, "The portal exited during start. Output:\n" + Output());
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                return (await client.GetAsync(new Uri("/healthz", UriKind.Relative), probe.Token)).IsSuccessStatusCode;
            },
            "the portal's /healthz",
            interval: TimeSpan.FromMilliseconds(50));
        return client;
    }

    private void Observe(string? line, TaskCompletionSource<Uri> address)
    {
        if (line is null)
        {
            return;
        }

        lock (_portalOutput)
        {
            _portalOutput.AppendLine(line);
        }

        if (ListeningOn().Match(line) is { Success: true } match)
        {
            address.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    private string Output()
    {
        lock (_portalOutput)
        {
            return _portalOutput.ToString();
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();

    private long PendingWork() => Query("SELECT COUNT(*) FROM work_items WHERE state = 'ready'", r => r.GetInt64(0)).Single();

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "portal.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>The app as built next to the tests (the project reference builds it).</summary>
    private static string AppPath()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "ResponsePortal.dll");
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ResponsePortal.sln")))
        {
            directory = directory.Parent;
        }

        var configuration = AppContext.BaseDirectory.Contains("Release", StringComparison.Ordinal) ? "Release" : "Debug";
        var built = directory is null ? local : Path.Combine(directory.FullName, "functions", "ResponsePortal", "bin", configuration, "net10.0", "ResponsePortal.dll");
        return File.Exists(built) ? built : local;
    }

    public void Dispose()
    {
        if (_portal is { HasExited: false })
        {
            _portal.Kill(entireProcessTree: true);
        }

        _portal?.Dispose();
        _client?.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
