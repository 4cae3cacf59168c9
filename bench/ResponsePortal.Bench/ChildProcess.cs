using System.Diagnostics;
using System.Globalization;

namespace ResponsePortal.Bench;

/// <summary>Outcome of a child process: exit code, wall time, peak resident memory and what it printed.</summary>
internal sealed record ChildRun(int ExitCode, TimeSpan Wall, long PeakRssKb, string StandardOutput, string StandardError);

/// <summary>Runs a child process, optionally sending its output to a file, while polling its VmHWM (peak RSS).</summary>
internal static class ChildProcess
{
    public static ChildRun Run(string fileName, IEnumerable<string> arguments, string? standardOutputFile = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {fileName}");
        Stream sink = standardOutputFile is null ? new MemoryStream() : File.Create(standardOutputFile);
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(sink);
        var readError = process.StandardError.ReadToEndAsync();
        long peakKb = 0;
        var statusPath = $"/proc/{process.Id}/status";
        while (!process.WaitForExit(5))
        {
            peakKb = Math.Max(peakKb, ReadHighWaterMarkKb(statusPath));
        }

        stopwatch.Stop();
        copyOut.Wait();
        var output = sink is MemoryStream memory ? System.Text.Encoding.UTF8.GetString(memory.ToArray()) : string.Empty;
        sink.Dispose();
        return new ChildRun(process.ExitCode, stopwatch.Elapsed, peakKb, output, readError.Result);
    }

    private static long ReadHighWaterMarkKb(string statusPath)
    {
        try
        {
            foreach (var line in File.ReadLines(statusPath))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended between the exit check and the read.
        }

        return 0;
    }
}
