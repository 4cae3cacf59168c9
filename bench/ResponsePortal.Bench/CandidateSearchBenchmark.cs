using System.Diagnostics;
using ResponsePortal.Allocation;
using ResponsePortal.Allocation.Index;

namespace ResponsePortal.Bench;

/// <summary>
/// Mean time to find one request's candidates: the offer index against a scan over every offer (which must agree), and the
/// cost of a new offer (Add, then Remove) with all the scenario's offers open.
/// </summary>
internal static class CandidateSearchBenchmark
{
    /// <param name="IndexMicroseconds">FindCandidates into a reused buffer: sorted slots and distances, no allocation.</param>
    /// <param name="IndexListMicroseconds">FindCandidates returning a fresh list of (Offer, distance), the convenience API.</param>
    /// <param name="ScanMicroseconds">The full scan of all offers with PairRules.</param>
    /// <param name="BatchIndexCpuMicroseconds">Process CPU time per request, index searches run back to back (10x the samples).</param>
    /// <param name="BatchScanCpuMicroseconds">Process CPU time per request, scans run back to back.</param>
    /// <param name="AddMicroseconds">Adding a new offer to the index holding all offers.</param>
    /// <param name="RemoveMicroseconds">Removing that offer again.</param>
    public sealed record Figures(
        double IndexMicroseconds,
        double IndexListMicroseconds,
        double ScanMicroseconds,
        double MeanCandidates,
        double IndexBuildSeconds,
        double AddMicroseconds,
        double RemoveMicroseconds,
        int OpenOffers,
        double BatchIndexCpuMicroseconds,
        double BatchScanCpuMicroseconds);

    public static Figures Measure(Scenario scenario, int samples, int seed)
    {
        var catalogue = new SubstituteCatalogue(scenario.Substitutes);
        var build = Stopwatch.StartNew();
        var index = new OfferIndex(catalogue);
        foreach (var offer in scenario.Offers)
        {
            index.Add(offer);
        }

        build.Stop();
        var random = new Random(seed);
        var sample = Enumerable.Range(0, samples).Select(_ => scenario.Requests[random.Next(scenario.Requests.Count)]).ToArray();
        var buffer = new CandidateBuffer();

        // Warm-up so every side runs tier-1 code.
        foreach (var request in sample.Take(20))
        {
            index.FindCandidates(request, buffer);
            index.FindCandidates(request);
            Scan(scenario.Offers, request, catalogue);
        }

        // The three measurements interleave per request, so a change in machine load hits all of them alike.
        var indexTicks = 0L;
        var listTicks = 0L;
        var scanTicks = 0L;
        long found = 0;
        for (var i = 0; i < sample.Length; i++)
        {
            var request = sample[i];
            var started = Stopwatch.GetTimestamp();
            var count = index.FindCandidates(request, buffer);
            indexTicks += Stopwatch.GetTimestamp() - started;
            found += count;
            var ids = new List<string>(count);
            foreach (var slot in buffer.Slots)
            {
                ids.Add(index.OfferAt(slot).Id);
            }

            started = Stopwatch.GetTimestamp();
            var list = index.FindCandidates(request);
            listTicks += Stopwatch.GetTimestamp() - started;

            started = Stopwatch.GetTimestamp();
            var scanned = Scan(scenario.Offers, request, catalogue);
            scanTicks += Stopwatch.GetTimestamp() - started;

            ids.Sort(StringComparer.Ordinal);
            scanned.Sort(StringComparer.Ordinal);
            if (!ids.SequenceEqual(scanned) || !list.Select(c => c.Offer.Id).Order(StringComparer.Ordinal).SequenceEqual(scanned))
            {
                throw new InvalidOperationException($"index and scan disagree for request {request.Id}");
            }
        }

        // CPU time (user + system of the process) is far less sensitive than wall time to the other work on a shared machine,
        // but the clock is coarse: each side runs back to back, the index on 10x as many requests, each request once.
        var batch = Enumerable.Range(0, samples * 10).Select(_ => scenario.Requests[random.Next(scenario.Requests.Count)]).ToArray();
        var cpu = Environment.CpuUsage.TotalTime;
        foreach (var request in batch)
        {
            index.FindCandidates(request, buffer);
        }

        var batchIndexCpu = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / batch.Length;
        cpu = Environment.CpuUsage.TotalTime;
        foreach (var request in sample)
        {
            Scan(scenario.Offers, request, catalogue);
        }

        var batchScanCpu = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / sample.Length;

        // New offers: copies of sampled offers under fresh ids, added to and removed from the full index.
        var newOffers = Enumerable.Range(0, samples * 10)
            .Select(i => scenario.Offers[random.Next(scenario.Offers.Count)] with { Id = $"new-{i}" })
            .ToArray();
        var openOffers = index.Count;
        var add = Stopwatch.StartNew();
        foreach (var offer in newOffers)
        {
            index.Add(offer);
        }

        add.Stop();
        var remove = Stopwatch.StartNew();
        foreach (var offer in newOffers)
        {
            index.Remove(offer.Id);
        }

        remove.Stop();
        return new Figures(
            Stopwatch.GetElapsedTime(0, indexTicks).TotalMicroseconds / samples,
            Stopwatch.GetElapsedTime(0, listTicks).TotalMicroseconds / samples,
            Stopwatch.GetElapsedTime(0, scanTicks).TotalMicroseconds / samples,
            (double)found / samples,
            build.Elapsed.TotalSeconds,
            add.Elapsed.TotalMicroseconds / newOffers.Length,
            remove.Elapsed.TotalMicroseconds / newOffers.Length,
            openOffers,
            batchIndexCpu,
            batchScanCpu);
    }

    /// <summary>A fair scan: the cheap category and date tests first, the distance only for offers that pass them.</summary>
    private static List<string> Scan(IReadOnlyList<Offer> offers, Request request, SubstituteCatalogue catalogue)
    {
        var ids = new List<string>();
        foreach (var offer in offers)
        {
            if (catalogue.CanServe(offer.Category, request.Category)
                && offer.AvailableFrom <= request.NeededBy
                && PairRules.IsFeasible(offer, request, catalogue, out _))
            {
                ids.Add(offer.Id);
            }
        }

        return ids;
    }
}
