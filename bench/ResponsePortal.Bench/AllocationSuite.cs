using System.Globalization;
using ResponsePortal.Allocation;
using ResponsePortal.Allocation.Io;

namespace ResponsePortal.Bench;

/// <summary>
/// The `alloc` suite: per size, generate a scenario, export its feasible pairs, solve them with LEMON's NetworkSimplex,
/// run the whole `allocate` process, verify its output, measure candidate search, and print the ratios.
/// </summary>
internal static class AllocationSuite
{
    public sealed record Options(int[] Sizes, string OutDirectory, string LemonHarness, string? AppDll, int Seed, int Samples);

    public static int Run(Options options)
    {
        Directory.CreateDirectory(options.OutDirectory);
        var rows = new List<string>();
        foreach (var size in options.Sizes)
        {
            var scenarioPath = Path.Combine(options.OutDirectory, $"scenario-{size}.json");
            if (!File.Exists(scenarioPath))
            {
                ScenarioGenerator.Write(scenarioPath, size, size, options.Seed);
            }

            var scenario = ScenarioReader.Read(File.ReadAllBytes(scenarioPath));
            var pairsPath = Path.Combine(options.OutDirectory, $"pairs-{size}.bin");
            var pairCount = PairExport.Write(scenario, pairsPath);
            Console.WriteLine($"[{size}] scenario {new FileInfo(scenarioPath).Length / 1e6:F1} MB, {pairCount:N0} feasible pairs");

            var lemon = ChildProcess.Run(options.LemonHarness, [pairsPath]);
            if (lemon.ExitCode != 0)
            {
                Console.Error.WriteLine($"LEMON harness failed: {lemon.StandardError}");
                return 1;
            }

            var lemonFigures = ParseKeyValues(lemon.StandardOutput);
            Console.WriteLine($"[{size}] LEMON: {lemon.StandardOutput.Trim()}");

            var allocationPath = Path.Combine(options.OutDirectory, $"allocation-{size}.json");
            var ours = RunAllocate(options.AppDll, scenarioPath, allocationPath);
            if (ours.ExitCode != 0)
            {
                Console.Error.WriteLine($"allocate failed: {ours.StandardError}");
                return 1;
            }

            var objective = AllocationChecker.Verify(scenario, allocationPath);
            Console.WriteLine($"[{size}] allocate: wall {ours.Wall.TotalSeconds:F3} s, cpu {ours.Cpu.TotalSeconds:F3} s, peak RSS {ours.PeakRssKb / 1024.0:F0} MB, objective {objective:F6} (verified)");

            var search = CandidateSearchBenchmark.Measure(scenario, options.Samples, options.Seed);
            Console.WriteLine($"[{size}] candidates: {Describe(search)}");

            var lemonSolve = lemonFigures["solve_seconds"];
            var lemonCpu = lemonFigures["solve_cpu_seconds"];
            rows.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"| {size,8:N0} | {pairCount,11:N0} | {objective / lemonFigures["objective"],14:F9} | {lemonFigures["read_seconds"],8:F2} | {lemonSolve,8:F2} | {lemonCpu,8:F2} | {ours.Wall.TotalSeconds,8:F2} | {ours.Cpu.TotalSeconds,8:F2} | {ours.Wall.TotalSeconds / lemonSolve,8:F3} | {ours.Cpu.TotalSeconds / lemonCpu,8:F3} | {search.Batched.SlotsCpuMicroseconds,8:F1} | {search.Batched.SlotsCpuRatio,8:F0} | {ours.PeakRssKb / 1024.0,7:F0} |"));
        }

        Console.WriteLine();
        // Wall times depend on what else runs on the machine; CPU times (user + system) much less so, hence both.
        Console.WriteLine("| per side |       pairs | obj ours/LEMON | LEMON rd | LEMON s  | LEMON cpu| ours wall| ours cpu | wall/slv | cpu/cpu  | index us | scan/idx | peak MB |");
        Console.WriteLine("|---------:|------------:|---------------:|---------:|---------:|---------:|---------:|---------:|---------:|---------:|---------:|---------:|--------:|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        return 0;
    }

    /// <summary>Prefers the real app (`ResponsePortal.dll allocate`); without it, this bench runs the library in a child of itself.</summary>
    private static ChildRun RunAllocate(string? appDll, string scenarioPath, string allocationPath)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        if (appDll is not null && File.Exists(appDll))
        {
            return ChildProcess.Run(dotnet, [appDll, "allocate", scenarioPath], allocationPath);
        }

        Console.WriteLine("(app not built: timing the library through the bench's own allocate-child command)");
        var self = typeof(AllocationSuite).Assembly.Location;
        return ChildProcess.Run(dotnet, [self, "allocate-child", scenarioPath], allocationPath);
    }

    internal static string Describe(CandidateSearchBenchmark.Figures f) => string.Create(
        CultureInfo.InvariantCulture,
        $"""
        {f.MeanCandidates:F1} candidates/request
          back to back: scan {f.Batched.ScanCpuMicroseconds:F1} us CPU / {f.Batched.ScanWallMicroseconds:F1} us wall; index slots {f.Batched.SlotsCpuMicroseconds:F1} us CPU / {f.Batched.SlotsWallMicroseconds:F1} us wall ({f.Batched.SlotsCpuRatio:F0}x CPU, {f.Batched.SlotsWallRatio:F0}x wall); slots+distances {f.Batched.IndexCpuMicroseconds:F1} us CPU / {f.Batched.IndexWallMicroseconds:F1} us wall ({f.Batched.CpuRatio:F0}x CPU, {f.Batched.WallRatio:F0}x wall)
          interleaved per request, index right after a scan (cold caches), then warm:
          wall: scan {f.ScanMicroseconds:F1} us; index slots {f.IndexSlotsMicroseconds:F1} us ({f.ScanMicroseconds / f.IndexSlotsMicroseconds:F0}x), slots+distances {f.IndexMicroseconds:F1} us ({f.ScanMicroseconds / f.IndexMicroseconds:F0}x), list API {f.IndexListMicroseconds:F1} us ({f.ScanMicroseconds / f.IndexListMicroseconds:F0}x)
          thread CPU, same calls: scan {f.CpuScanMicroseconds:F1} us; index slots {f.CpuIndexSlotsMicroseconds:F1} us ({f.CpuScanMicroseconds / f.CpuIndexSlotsMicroseconds:F0}x), slots+distances {f.CpuIndexMicroseconds:F1} us ({f.CpuScanMicroseconds / f.CpuIndexMicroseconds:F0}x)
          index build {f.IndexBuildSeconds:F3} s; new offer at {f.OpenOffers:N0} open: add {f.AddCpuMicroseconds:F2} us CPU / {f.AddMicroseconds:F2} us wall, remove {f.RemoveCpuMicroseconds:F2} us CPU / {f.RemoveMicroseconds:F2} us wall (amortised compactions included)
        """);

    private static Dictionary<string, double> ParseKeyValues(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('='))
            .ToDictionary(kv => kv[0], kv => double.Parse(kv[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    internal static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ResponsePortal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }

}
