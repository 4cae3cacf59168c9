using System.Diagnostics;
using ResponsePortal.Allocation;
using ResponsePortal.Allocation.Index;

namespace ResponsePortal.Bench;

/// <summary>Mean time to find one request's candidates: the offer index against a scan over every offer (which must agree).</summary>
internal static class CandidateSearchBenchmark
{
    public sealed record Figures(double IndexMicroseconds, double ScanMicroseconds, double MeanCandidates, double IndexBuildSeconds);

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

        // Warm-up so both sides run tier-1 code.
        foreach (var request in sample.Take(20))
        {
            index.FindCandidates(request);
            Scan(scenario.Offers, request, catalogue);
        }

        var indexTime = Stopwatch.StartNew();
        long found = 0;
        var fromIndex = new List<IReadOnlyList<Candidate>>();
        foreach (var request in sample)
        {
            var candidates = index.FindCandidates(request);
            found += candidates.Count;
            fromIndex.Add(candidates);
        }

        indexTime.Stop();
        var scanTime = Stopwatch.StartNew();
        var fromScan = new List<List<string>>();
        foreach (var request in sample)
        {
            fromScan.Add(Scan(scenario.Offers, request, catalogue));
        }

        scanTime.Stop();
        for (var i = 0; i < sample.Length; i++)
        {
            var ids = fromIndex[i].Select(c => c.Offer.Id).Order(StringComparer.Ordinal).ToList();
            if (!ids.SequenceEqual(fromScan[i].Order(StringComparer.Ordinal)))
            {
                throw new InvalidOperationException($"index and scan disagree for request {sample[i].Id}");
            }
        }

        return new Figures(
            indexTime.Elapsed.TotalMicroseconds / samples,
            scanTime.Elapsed.TotalMicroseconds / samples,
            (double)found / samples,
            build.Elapsed.TotalSeconds);
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
