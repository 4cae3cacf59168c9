using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ResponsePortal.Mail;
using ResponsePortal.Tests.Support;

namespace ResponsePortal.Tests.Mail;

/// <summary>
/// The SMTP adapter against maildev (tests/emulators); mails are read through its REST API.
/// Three races made this flaky on a loaded machine, and each is now waited out:
/// maildev's web server listens before its SMTP server, so readiness means the REST endpoint answers AND the SMTP port
/// greets with 220; maildev stores a mail only after it acknowledged it (the parser finishes later), so reading waits
/// for the mail to appear; and ports picked by binding port 0 and releasing them can be taken by someone else before
/// maildev binds them, so a maildev that exits during start is started again on other ports.
/// </summary>
public sealed class SmtpMailSenderTests : MailSenderContract
{
    private readonly StringBuilder _output = new();
    private Process? _maildev;
    private HttpClient? _web;

    protected override async Task<IMailSender> CreateSenderAsync()
    {
        var root = RepositoryRoot();
        var binary = Path.Combine(root, "tests", "emulators", "node_modules", "maildev", "bin", "maildev");
        Assert.True(File.Exists(binary), $"maildev is not installed ({binary} is missing): run `npm ci --prefix tests/emulators`.");
        for (var attempt = 1; ; attempt++)
        {
            var (smtpPort, webPort) = TwoFreePorts();
            if (await TryStartAsync(binary, smtpPort, webPort))
            {
                return new SmtpMailSender(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = smtpPort }));
            }

            Assert.True(attempt < 5, $"maildev did not start after {attempt} attempts. Output:\n{Output()}");
        }
    }

    /// <summary>False when maildev exited during start (a port was taken); fails the test when it never became ready.</summary>
    private async Task<bool> TryStartAsync(string binary, int smtpPort, int webPort)
    {
        await StopAsync();
        var info = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                binary, "--smtp", smtpPort.ToString(CultureInfo.InvariantCulture), "--web", webPort.ToString(CultureInfo.InvariantCulture),
                "--ip", "127.0.0.1", "--silent",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var maildev = Process.Start(info)!;
        _maildev = maildev;
        maildev.OutputDataReceived += (_, e) => Append(e.Data);
        maildev.ErrorDataReceived += (_, e) => Append(e.Data);
        maildev.BeginOutputReadLine();
        maildev.BeginErrorReadLine();
        _web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}"), Timeout = TimeSpan.FromSeconds(30) };

        var web = _web;
        await Eventually.UntilAsync(
            async () => maildev.HasExited || (await IsMaildevRestAsync(web) && await GreetsWithSmtpAsync(smtpPort)),
            "maildev's REST endpoint and SMTP greeting",
            interval: TimeSpan.FromMilliseconds(50));
        return !maildev.HasExited;
    }

    private static async Task<bool> IsMaildevRestAsync(HttpClient web)
    {
        using var response = await web.GetAsync(new Uri("/email", UriKind.Relative));
        return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).TrimStart().StartsWith('[');
    }

    private static async Task<bool> GreetsWithSmtpAsync(int port)
    {
        using var tcp = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await tcp.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        using var reader = new StreamReader(tcp.GetStream(), Encoding.ASCII);
        var greeting = await reader.ReadLineAsync(timeout.Token);
        return greeting?.StartsWith("220", StringComparison.Ordinal) == true;
    }

    protected override Task<IReadOnlyList<ReceivedMail>> ReceivedAsync(int atLeast) =>
        Eventually.UntilAsync(ReadInboxAsync, mails => mails.Count >= atLeast, $"{atLeast} mail(s) in maildev");

    private async Task<IReadOnlyList<ReceivedMail>> ReadInboxAsync()
    {
        using var document = JsonDocument.Parse(await _web!.GetStringAsync(new Uri("/email", UriKind.Relative)));
        return document.RootElement.EnumerateArray().Select(e => new ReceivedMail(
            string.Join(",", e.GetProperty("to").EnumerateArray().Select(t => t.GetProperty("address").GetString())),
            e.GetProperty("subject").GetString() ?? "",
            e.GetProperty("messageId").GetString() ?? "",
            e.GetProperty("text").GetString() ?? "",
            e.GetProperty("html").GetString() ?? "")).ToList();
    }

    public override Task DisposeAsync() => StopAsync();

    private async Task StopAsync()
    {
        _web?.Dispose();
        _web = null;
        if (_maildev is { HasExited: false })
        {
            _maildev.Kill(entireProcessTree: true);
            await _maildev.WaitForExitAsync();
        }

        _maildev?.Dispose();
        _maildev = null;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ResponsePortal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    /// <summary>Two different free ports (both held while choosing, so they differ); maildev may still lose them to a race.</summary>
    private static (int Smtp, int Web) TwoFreePorts()
    {
        using var first = new TcpListener(IPAddress.Loopback, 0);
        using var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        return (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
    }
}
