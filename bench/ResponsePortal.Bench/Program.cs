using System.Globalization;
using ResponsePortal.Allocation;
using ResponsePortal.Allocation.Io;
using ResponsePortal.Bench;

// Benchmark driver for the allocation engine. Subcommands:
//   generate --offers N --requests M --seed S --out file.json
//   pairs --scenario file.json --out pairs.bin            (feasible pairs for the LEMON harness)
//   alloc [--sizes 20000,100000] [--out-dir DIR] [--lemon PATH] [--app PATH/ResponsePortal.dll] [--seed S] [--samples K]
//   search --scenario file.json [--samples K] [--seed S]  (candidate search: index vs scan, Add/Remove of new offers)
//   search-profile --scenario file.json [--samples K]     (the index's work per request: runs, entries, tests, CPU per part)
//   pipeline --app PATH/ResponsePortal.dll [--rate 100] [--seconds 25]  (submission -> both mails latency; queue vs raw insert)
//   store [--seconds 5] [--callers 64]                     (group commit vs one transaction per insert)
//   dashboard [--listings 100000] [--matches 50000] [--samples 30] [--app PATH/ResponsePortal.dll]  (dashboard vs landing page)
//   allocate-child scenario.json                           (the library's allocate command, when the app is not built)
if (args.Length > 0 && args[0] == "dashboard")
{
    return await DashboardBench.RunAsync(args);
}

if (args.Length > 0 && args[0] == "pipeline") return await PipelineBench.RunAsync(args);

if (args.Length > 0 && args[0] == "store")
{
    return await StoreBench.RunAsync(args);
}

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: ResponsePortal.Bench generate|pairs|alloc|search|pipeline|store|dashboard|allocate-child ...");
    return 2;
}

var options = ParseOptions(args.AsSpan(1));
var root = AllocationSuite.FindRepositoryRoot();
switch (args[0])
{
    case "generate":
        ScenarioGenerator.Write(
            Required(options, "out"),
            int.Parse(Required(options, "offers"), CultureInfo.InvariantCulture),
            int.Parse(Required(options, "requests"), CultureInfo.InvariantCulture),
            int.Parse(options.GetValueOrDefault("seed", "42"), CultureInfo.InvariantCulture));
        return 0;
    case "pairs":
        var scenario = ScenarioReader.Read(File.ReadAllBytes(Required(options, "scenario")));
        Console.WriteLine($"{PairExport.Write(scenario, Required(options, "out"))} pairs");
        return 0;
    case "alloc":
        return AllocationSuite.Run(new AllocationSuite.Options(
            options.GetValueOrDefault("sizes", "20000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
            options.GetValueOrDefault("out-dir", Path.Combine(root, "bench", "out")),
            options.GetValueOrDefault("lemon", Path.Combine(root, "bench", "lemon", "build", "lemon_transport")),
            options.GetValueOrDefault("app", Path.Combine(root, "functions", "ResponsePortal", "bin", "Release", "net10.0", "ResponsePortal.dll")),
            int.Parse(options.GetValueOrDefault("seed", "42"), CultureInfo.InvariantCulture),
            int.Parse(options.GetValueOrDefault("samples", "200"), CultureInfo.InvariantCulture)));
    case "trace":
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var traced = ScenarioReader.Read(File.ReadAllBytes(args[1]));
        Console.WriteLine($"parse {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F3} s");
        var result = AllocationEngine.Allocate(traced);
        Console.WriteLine($"{result.Statistics}, search {result.Statistics.CandidateSearch.TotalSeconds:F3} s, solve {result.Statistics.Solve.TotalSeconds:F3} s, objective {result.Objective}");
        return 0;
    case "search":
        var searched = ScenarioReader.Read(File.ReadAllBytes(Required(options, "scenario")));
        Console.WriteLine(AllocationSuite.Describe(CandidateSearchBenchmark.Measure(
            searched,
            int.Parse(options.GetValueOrDefault("samples", "200"), CultureInfo.InvariantCulture),
            int.Parse(options.GetValueOrDefault("seed", "42"), CultureInfo.InvariantCulture))));
        return 0;
    case "search-profile":
        Console.WriteLine(SearchProfile.Measure(
            ScenarioReader.Read(File.ReadAllBytes(Required(options, "scenario"))),
            int.Parse(options.GetValueOrDefault("samples", "2000"), CultureInfo.InvariantCulture),
            int.Parse(options.GetValueOrDefault("seed", "42"), CultureInfo.InvariantCulture)));
        return 0;
    case "allocate-child":
        return AllocateCommand.RunFile(args.Length > 1 ? args[1] : null, Console.OpenStandardOutput(), Console.Error);
    default:
        Console.Error.WriteLine($"unknown command '{args[0]}'");
        return 2;
}

static Dictionary<string, string> ParseOptions(ReadOnlySpan<string> args)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        options[args[i].TrimStart('-')] = args[i + 1];
    }

    return options;
}

static string Required(Dictionary<string, string> options, string name) =>
    options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"missing --{name}");
