using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ResponsePortal.Mail;

namespace ResponsePortal.Tests.Mail;

/// <summary>The SMTP adapter against maildev (tests/emulators), started on free ports; mails are read through its REST API.</summary>
public sealed class SmtpMailSenderTests : MailSenderContract
{
    private Process? _maildev;
    private HttpClient? _web;

    protected override async Task<IMailSender> CreateSenderAsync()
    {
        var root = RepositoryRoot();
        var binary = Path.Combine(root, "tests", "emulators", "node_modules", "maildev", "bin", "maildev");
        Assert.True(File.Exists(binary), $"maildev is not installed ({binary} is missing): run `npm ci --prefix tests/emulators`.");
        var smtpPort = FreePort();
        var webPort = FreePort();
        var info = new ProcessStartInfo("node")
        {
            ArgumentList = { binary, "--smtp", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--web", webPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--ip", "127.0.0.1", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _maildev = Process.Start(info)!;
        _maildev.BeginOutputReadLine();
        _maildev.BeginErrorReadLine();
        _web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                if ((await _web.GetAsync(new Uri("/email", UriKind.Relative))).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            Assert.False(_maildev.HasExited, "maildev exited during start.");
            await Task.Delay(100);
        }

        return new SmtpMailSender(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = smtpPort }));
    }

    protected override async Task<IReadOnlyList<ReceivedMail>> ReceivedAsync()
    {
        using var document = JsonDocument.Parse(await _web!.GetStringAsync(new Uri("/email", UriKind.Relative)));
        return document.RootElement.EnumerateArray().Select(e => new ReceivedMail(
            string.Join(",", e.GetProperty("to").EnumerateArray().Select(t => t.GetProperty("address").GetString())),
            e.GetProperty("subject").GetString() ?? "",
            e.GetProperty("messageId").GetString() ?? "",
            e.GetProperty("text").GetString() ?? "",
            e.GetProperty("html").GetString() ?? "")).ToList();
    }

    public override async Task DisposeAsync()
    {
        _web?.Dispose();
        if (_maildev is { HasExited: false })
        {
            _maildev.Kill(entireProcessTree: true);
            await _maildev.WaitForExitAsync();
        }

        _maildev?.Dispose();
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
