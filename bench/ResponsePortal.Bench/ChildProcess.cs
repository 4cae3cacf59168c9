using System.Diagnostics;
using System.Globalization;

namespace ResponsePortal.Bench;

/// <summary>Outcome of a child process: exit code, wall time, CPU time, peak resident memory and what it printed.</summary>
internal sealed record ChildRun(int ExitCode, TimeSpan Wall, TimeSpan Cpu, long PeakRssKb, string StandardOutput, string StandardError);

/// <summary>
/// Runs a child process under /usr/bin/time (CPU time and max RSS from the kernel's accounting), optionally sending its
/// output to a file; without /usr/bin/time it polls /proc/PID/status VmHWM instead and reports no CPU time.
/// </summary>
internal static class ChildProcess
{
    private const string TimeTool = "/usr/bin/time";

    public static ChildRun Run(string fileName, IEnumerable<string> arguments, string? standardOutputFile = null)
    {
        var timeReport = File.Exists(TimeTool) ? Path.GetTempFileName() : null;
        var start = new ProcessStartInfo(timeReport is null ? fileName : TimeTool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (timeReport is not null)
        {
            foreach (var argument in (string[])["-o", timeReport, "-f", "%e %U %S %M", fileName])
            {
                start.ArgumentList.Add(argument);
            }
        }

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
        var cpu = TimeSpan.Zero;
        if (timeReport is not null)
        {
            // "%e %U %S %M": elapsed, user, system seconds and max RSS in KB; the last line, after any child messages.
            var fields = File.ReadAllLines(timeReport).Last(line => line.Length > 0).Split(' ');
            cpu = TimeSpan.FromSeconds(double.Parse(fields[1], CultureInfo.InvariantCulture) + double.Parse(fields[2], CultureInfo.InvariantCulture));
            peakKb = Math.Max(peakKb, long.Parse(fields[3], CultureInfo.InvariantCulture));
            File.Delete(timeReport);
        }

        return new ChildRun(process.ExitCode, stopwatch.Elapsed, cpu, peakKb, output, readError.Result);
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
