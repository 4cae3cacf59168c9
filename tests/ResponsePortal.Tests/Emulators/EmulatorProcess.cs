using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace ResponsePortal.Tests.Emulators;

/// <summary>
/// A local stand-in for an Azure service, run from tests/emulators/node_modules as a child process on a port the OS
/// picks (port 0), so parallel test runs never collide. Missing packages fail the test with the command that
/// installs them: an emulator tier that silently skips would prove nothing.
/// </summary>
public sealed partial class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private EmulatorProcess(Process process, StringBuilder output, int port)
    {
        _process = process;
        _output = output;
        Port = port;
    }

    public int Port { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string EmulatorsDirectory => Path.Combine(RepositoryRoot(), "tests", "emulators");

    /// <summary>
    /// Runs <c>node <paramref name="script"/></c> (relative to tests/emulators) and waits until a line matches
    /// <paramref name="ready"/>, whose group "port" is the port it listens on.
    /// </summary>
    public static async Task<EmulatorProcess> StartAsync(string script, IEnumerable<string> arguments, Regex ready, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(ready);
        var command = Path.GetFileName(script);
        var packages = Path.Combine(EmulatorsDirectory, "node_modules");
        var path = Path.Combine(EmulatorsDirectory, script);
        if (!Directory.Exists(packages) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The emulator '{command}' is not installed ({path} is missing). Run: npm ci --prefix tests/emulators");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = EmulatorsDirectory,
        };
        start.ArgumentList.Add(path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            var match = ready.Match(e.Data);
            if (match.Success)
            {
                port.TrySetResult(int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.Exited += (_, _) => port.TrySetException(new InvalidOperationException($"The emulator '{command}' exited early:\n{Text(output)}"));
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start node {path}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var listening = await port.Task.WaitAsync(timeout);
            return new EmulatorProcess(process, output, listening);
        }
        catch (TimeoutException)
        {
            Stop(process);
            throw new InvalidOperationException($"The emulator '{command}' did not report a port within {timeout}:\n{Text(output)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ResponsePortal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ResponsePortal.sln above {AppContext.BaseDirectory}.");
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
