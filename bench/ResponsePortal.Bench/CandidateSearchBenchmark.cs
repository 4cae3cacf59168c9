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
    /// <param name="IndexSlotsMicroseconds">FindCandidateSlots into a reused buffer: slots in index order, no distances.</param>
    /// <param name="IndexMicroseconds">FindCandidates into a reused buffer: sorted slots and distances, no allocation.</param>
    /// <param name="IndexListMicroseconds">FindCandidates returning a fresh list of (Offer, distance), the convenience API.</param>
    /// <param name="ScanMicroseconds">The full scan of all offers with PairRules.</param>
    /// <param name="CpuIndexSlotsMicroseconds">This thread's CPU time per FindCandidateSlots call.</param>
    /// <param name="CpuIndexMicroseconds">This thread's CPU time per FindCandidates call (with distances).</param>
    /// <param name="CpuScanMicroseconds">This thread's CPU time per scan.</param>
    /// <param name="AddMicroseconds">Adding a new offer to the index holding all offers.</param>
    /// <param name="RemoveMicroseconds">Removing that offer again.</param>
    public sealed record Figures(
        double IndexSlotsMicroseconds,
        double IndexMicroseconds,
        double IndexListMicroseconds,
        double ScanMicroseconds,
        double MeanCandidates,
        double IndexBuildSeconds,
        double AddMicroseconds,
        double RemoveMicroseconds,
        int OpenOffers,
        double CpuIndexSlotsMicroseconds,
        double CpuIndexMicroseconds,
        double CpuScanMicroseconds,
        double AddCpuMicroseconds,
        double RemoveCpuMicroseconds,
        BackToBack Batched);

    /// <summary>
    /// Mean per request with each side run back to back: FindCandidateSlots (which offers qualify, the question the scan
    /// answers), FindCandidates (also every distance, for the solver's costs) and the scan.
    /// </summary>
    public sealed record BackToBack(
        double SlotsWallMicroseconds,
        double SlotsCpuMicroseconds,
        double IndexWallMicroseconds,
        double IndexCpuMicroseconds,
        double ScanWallMicroseconds,
        double ScanCpuMicroseconds)
    {
        public double SlotsWallRatio => ScanWallMicroseconds / SlotsWallMicroseconds;

        public double SlotsCpuRatio => ScanCpuMicroseconds / SlotsCpuMicroseconds;

        public double WallRatio => ScanWallMicroseconds / IndexWallMicroseconds;

        public double CpuRatio => ScanCpuMicroseconds / IndexCpuMicroseconds;
    }

    public static Figures Measure(Scenario scenario, int samples, int seed)
    {
        var catalogue = new SubstituteCatalogue(scenario.Substitutes);
        var build = Stopwatch.StartNew();
        var index = new OfferIndex(catalogue);
        foreach (var offer in scenario.Offers)
        {
            index.Add(offer);
        }

        // As the engine does after its bulk load; the Add/Remove figures below then start from packed strips.
        index.Pack();
        build.Stop();
        var random = new Random(seed);
        var sample = Enumerable.Range(0, samples).Select(_ => scenario.Requests[random.Next(scenario.Requests.Count)]).ToArray();
        var buffer = new CandidateBuffer();

        // Warm-up so every side runs tier-1 code.
        foreach (var request in sample.Take(20))
        {
            index.FindCandidateSlots(request, buffer);
            index.FindCandidates(request, buffer);
            index.FindCandidates(request);
            Scan(scenario.Offers, request, catalogue);
        }

        // The measurements interleave per request, so a change in machine load hits all of them alike; each call is timed
        // on the wall clock and on this thread's CPU clock (which does not count the time other processes had the core).
        var wall = new long[4];
        var cpu = new long[4];
        long found = 0;
        for (var i = 0; i < sample.Length; i++)
        {
            var request = sample[i];
            var slotsCount = Timed(0, () => index.FindCandidateSlots(request, buffer));
            buffer.SortBySlot();
            var slots = buffer.Slots.ToArray();
            var count = Timed(1, () => index.FindCandidates(request, buffer));
            found += count;
            buffer.SortBySlot();
            var ids = new List<string>(count);
            foreach (var slot in buffer.Slots)
            {
                ids.Add(index.OfferAt(slot).Id);
            }

            IReadOnlyList<Candidate> list = [];
            Timed(2, () => (list = index.FindCandidates(request)).Count);
            List<string> scanned = [];
            Timed(3, () => (scanned = Scan(scenario.Offers, request, catalogue)).Count);

            ids.Sort(StringComparer.Ordinal);
            scanned.Sort(StringComparer.Ordinal);
            if (slotsCount != count || !ids.SequenceEqual(scanned) || !slots.AsSpan().SequenceEqual(buffer.Slots)
                || !list.Select(c => c.Offer.Id).Order(StringComparer.Ordinal).SequenceEqual(scanned))
            {
                throw new InvalidOperationException($"index and scan disagree for request {request.Id}");
            }
        }

        // Back to back, as the engine and the matcher search: index over 10x as many distinct requests, then the scans.
        // Here the index's arrays stay in cache between requests, as they do in use; in the interleaved loop above every
        // search starts with caches the preceding scan (20+ MB of offers) has flushed.
        var batch = Enumerable.Range(0, samples * 10).Select(_ => scenario.Requests[random.Next(scenario.Requests.Count)]).ToArray();
        var batchCpu = ThreadCpuClock.Nanoseconds();
        var batchWall = Stopwatch.GetTimestamp();
        foreach (var request in batch)
        {
            index.FindCandidateSlots(request, buffer);
        }

        var batchSlotsWall = Stopwatch.GetElapsedTime(batchWall).TotalMicroseconds / batch.Length;
        var batchSlotsCpu = (ThreadCpuClock.Nanoseconds() - batchCpu) / 1000.0 / batch.Length;
        batch = Enumerable.Range(0, samples * 10).Select(_ => scenario.Requests[random.Next(scenario.Requests.Count)]).ToArray();
        batchCpu = ThreadCpuClock.Nanoseconds();
        batchWall = Stopwatch.GetTimestamp();
        foreach (var request in batch)
        {
            index.FindCandidates(request, buffer);
        }

        var batchIndexWall = Stopwatch.GetElapsedTime(batchWall).TotalMicroseconds / batch.Length;
        var batchIndexCpu = (ThreadCpuClock.Nanoseconds() - batchCpu) / 1000.0 / batch.Length;
        batchCpu = ThreadCpuClock.Nanoseconds();
        batchWall = Stopwatch.GetTimestamp();
        foreach (var request in sample)
        {
            Scan(scenario.Offers, request, catalogue);
        }

        var batchScanWall = Stopwatch.GetElapsedTime(batchWall).TotalMicroseconds / sample.Length;
        var batchScanCpu = (ThreadCpuClock.Nanoseconds() - batchCpu) / 1000.0 / sample.Length;

        // New offers: copies of sampled offers under fresh ids, added to and removed from the full index.
        var newOffers = Enumerable.Range(0, samples * 10)
            .Select(i => scenario.Offers[random.Next(scenario.Offers.Count)] with { Id = $"new-{i}" })
            .ToArray();
        var openOffers = index.Count;
        var addCpu = ThreadCpuClock.Nanoseconds();
        var add = Stopwatch.StartNew();
        foreach (var offer in newOffers)
        {
            index.Add(offer);
        }

        add.Stop();
        addCpu = ThreadCpuClock.Nanoseconds() - addCpu;
        var removeCpu = ThreadCpuClock.Nanoseconds();
        var remove = Stopwatch.StartNew();
        foreach (var offer in newOffers)
        {
            index.Remove(offer.Id);
        }

        remove.Stop();
        removeCpu = ThreadCpuClock.Nanoseconds() - removeCpu;
        return new Figures(
            WallMicroseconds(0),
            WallMicroseconds(1),
            WallMicroseconds(2),
            WallMicroseconds(3),
            (double)found / samples,
            build.Elapsed.TotalSeconds,
            add.Elapsed.TotalMicroseconds / newOffers.Length,
            remove.Elapsed.TotalMicroseconds / newOffers.Length,
            openOffers,
            CpuMicroseconds(0),
            CpuMicroseconds(1),
            CpuMicroseconds(3),
            addCpu / 1000.0 / newOffers.Length,
            removeCpu / 1000.0 / newOffers.Length,
            new BackToBack(batchSlotsWall, batchSlotsCpu, batchIndexWall, batchIndexCpu, batchScanWall, batchScanCpu));

        int Timed(int what, Func<int> search)
        {
            var startedCpu = ThreadCpuClock.Nanoseconds();
            var started = Stopwatch.GetTimestamp();
            var result = search();
            wall[what] += Stopwatch.GetTimestamp() - started;
            cpu[what] += ThreadCpuClock.Nanoseconds() - startedCpu;
            return result;
        }

        double WallMicroseconds(int what) => Stopwatch.GetElapsedTime(0, wall[what]).TotalMicroseconds / samples;

        double CpuMicroseconds(int what) => cpu[what] / 1000.0 / samples;
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
