using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ResponsePortal.Allocation;
using ResponsePortal.Allocation.Index;

namespace ResponsePortal.Bench;

/// <summary>
/// Where the indexed search spends its time, per request: how many runs (strip ranges) and entries it reads, how many pass
/// the cheap date/chord test, how many then need the exact haversine, how many qualify; and the CPU time of reading the
/// runs alone, of the cheap test alone and of the real searches, over the same requests.
/// </summary>
internal static class SearchProfile
{
    public static string Measure(Scenario scenario, int samples, int seed)
    {
        var index = new OfferIndex(new SubstituteCatalogue(scenario.Substitutes));
        foreach (var offer in scenario.Offers)
        {
            index.Add(offer);
        }

        // As in use, packed after the bulk load; the second index shows what the overlay left by Add alone costs.
        index.Pack();
        var unpacked = new OfferIndex(new SubstituteCatalogue(scenario.Substitutes));
        foreach (var offer in scenario.Offers)
        {
            unpacked.Add(offer);
        }

        var random = new Random(seed);
        var batch = Enumerable.Range(0, samples).Select(_ => scenario.Requests[random.Next(scenario.Requests.Count)]).ToArray();
        var buffer = new CandidateBuffer();
        var counts = new CountingVisitor();
        long hits = 0;
        foreach (var request in batch)
        {
            counts.Aim(request);
            index.VisitRuns(request, ref counts);
            hits += index.FindCandidateSlots(request, buffer);
        }

        // Each variant over the same requests, alternated over rounds so load changes hit all of them; medians per round.
        var names = new[] { "enumerate runs", "cheap test, scalar", "FindCandidateSlots", "FindCandidates", "Slots, 1 request x N", "cheap test, SIMD", "Slots without Pack()" };
        var rounds = new List<double>[names.Length];
        for (var v = 0; v < names.Length; v++)
        {
            rounds[v] = [];
        }

        for (var round = 0; round < 7; round++)
        {
            for (var v = 0; v < names.Length; v++)
            {
                var started = ThreadCpuClock.Nanoseconds();
                long sink = 0;
                foreach (var request in batch)
                {
                    sink += v switch
                    {
                        0 => Enumerate(index, request),
                        1 => CheapOnly(index, request),
                        2 => index.FindCandidateSlots(request, buffer),
                        4 => index.FindCandidateSlots(batch[0], buffer),
                        5 => CheapSimd(index, request),
                        6 => unpacked.FindCandidateSlots(request, buffer),
                        _ => index.FindCandidates(request, buffer),
                    };
                }

                rounds[v].Add((ThreadCpuClock.Nanoseconds() - started) / 1000.0 / batch.Length);
                GC.KeepAlive(sink);
            }
        }

        var unpackedCounts = new CountingVisitor();
        foreach (var request in batch)
        {
            unpackedCounts.Aim(request);
            unpacked.VisitRuns(request, ref unpackedCounts);
        }

        var n = (double)batch.Length;
        var lines = new List<string>
        {
            string.Create(
                CultureInfo.InvariantCulture,
                $"per request: {counts.Runs / n:F1} runs, {counts.Entries / n:F0} entries read, {counts.ChordPasses / n:F0} pass chord, {counts.DatePasses / n:F0} pass date, {counts.CheapPasses / n:F0} pass both, {counts.ExactTests / n:F0} need the haversine (slots), {hits / n:F1} qualify; without Pack(): {unpackedCounts.Runs / n:F1} runs, {unpackedCounts.Entries / n:F0} entries"),
        };
        for (var v = 0; v < names.Length; v++)
        {
            var sorted = rounds[v].Order().ToArray();
            lines.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"  {names[v],-20} CPU us/request: median {sorted[sorted.Length / 2]:F2} (range {sorted[0]:F2}-{sorted[^1]:F2})"));
        }

        return string.Join(Environment.NewLine, lines);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Enumerate(OfferIndex index, Request request)
    {
        var visitor = new LengthVisitor();
        index.VisitRuns(request, ref visitor);
        return visitor.Entries;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long CheapOnly(OfferIndex index, Request request)
    {
        var visitor = new CheapTestVisitor(request);
        index.VisitRuns(request, ref visitor);
        return visitor.Passes;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long CheapSimd(OfferIndex index, Request request)
    {
        var visitor = new SimdVisitor(request);
        index.VisitRuns(request, ref visitor);
        return visitor.Passes;
    }

    private struct SimdVisitor(Request request) : ICellVisitor
    {
        private readonly (float X, float Y, float Z) _at = UnitVectorOf(request.Lat, request.Lon);
        private readonly int _day = request.NeededBy.DayNumber;

        public long Passes { get; private set; }

        public void Visit(EntryColumns hot, int start, int count)
        {
            var x = System.Runtime.Intrinsics.Vector256.Create(_at.X);
            var y = System.Runtime.Intrinsics.Vector256.Create(_at.Y);
            var z = System.Runtime.Intrinsics.Vector256.Create(_at.Z);
            var d = System.Runtime.Intrinsics.Vector256.Create(_day);
            var passes = 0;
            for (var b = 0; b < count; b += 8)
            {
                var at = start + b;
                var dx = System.Runtime.Intrinsics.Vector256.Create(hot.X.AsSpan(at, 8)) - x;
                var dy = System.Runtime.Intrinsics.Vector256.Create(hot.Y.AsSpan(at, 8)) - y;
                var dz = System.Runtime.Intrinsics.Vector256.Create(hot.Z.AsSpan(at, 8)) - z;
                var chord = (dx * dx) + (dy * dy) + (dz * dz);
                var ok = System.Runtime.Intrinsics.Vector256.LessThanOrEqual(chord, System.Runtime.Intrinsics.Vector256.Create(hot.MaxChordSquared.AsSpan(at, 8))).AsInt32()
                    & System.Runtime.Intrinsics.Vector256.LessThanOrEqual(System.Runtime.Intrinsics.Vector256.Create(hot.AvailableDay.AsSpan(at, 8)), d);
                var lanes = ok.ExtractMostSignificantBits();
                if (count - b < 8)
                {
                    lanes &= (1u << (count - b)) - 1;
                }

                passes += System.Numerics.BitOperations.PopCount(lanes);
            }

            Passes += passes;
        }
    }

    private static (float X, float Y, float Z) UnitVectorOf(double lat, double lon)
    {
        var latRad = lat * Math.PI / 180.0;
        var lonRad = lon * Math.PI / 180.0;
        return ((float)(Math.Cos(latRad) * Math.Cos(lonRad)), (float)(Math.Cos(latRad) * Math.Sin(lonRad)), (float)Math.Sin(latRad));
    }

    private struct CountingVisitor : ICellVisitor
    {
        private (float X, float Y, float Z) _at;
        private int _day;

        public long Runs { get; private set; }

        public long Entries { get; private set; }

        public long CheapPasses { get; private set; }

        public long ChordPasses { get; private set; }

        public long DatePasses { get; private set; }

        public long ExactTests { get; private set; }

        public void Aim(Request request)
        {
            _at = UnitVectorOf(request.Lat, request.Lon);
            _day = request.NeededBy.DayNumber;
        }

        public void Visit(EntryColumns hot, int start, int count)
        {
            Runs++;
            Entries += count;
            for (var i = 0; i < count; i++)
            {
                var e = hot[start + i];
                var (dx, dy, dz) = (e.X - _at.X, e.Y - _at.Y, e.Z - _at.Z);
                var chord = (dx * dx) + (dy * dy) + (dz * dz);
                ChordPasses += chord <= e.MaxChordSquared ? 1 : 0;
                DatePasses += e.AvailableDay <= _day ? 1 : 0;
                if (e.AvailableDay <= _day && chord <= e.MaxChordSquared)
                {
                    CheapPasses++;
                    if (chord >= hot.Facts[start + i].InteriorChordSquared)
                    {
                        ExactTests++;
                    }
                }
            }
        }
    }

    /// <summary>Reads nothing of the runs: the cost of finding them.</summary>
    private struct LengthVisitor : ICellVisitor
    {
        public long Entries { get; private set; }

        public void Visit(EntryColumns hot, int start, int count) => Entries += count;
    }

    private struct CheapTestVisitor(Request request) : ICellVisitor
    {
        private readonly (float X, float Y, float Z) _at = UnitVectorOf(request.Lat, request.Lon);
        private readonly int _day = request.NeededBy.DayNumber;

        public long Passes { get; private set; }

        public void Visit(EntryColumns hot, int start, int count)
        {
            var passes = 0;
            for (var i = 0; i < count; i++)
            {
                var at = start + i;
                var (dx, dy, dz) = (hot.X[at] - _at.X, hot.Y[at] - _at.Y, hot.Z[at] - _at.Z);
                var chord = (dx * dx) + (dy * dy) + (dz * dz);
                if ((hot.AvailableDay[at] <= _day) & (chord <= hot.MaxChordSquared[at]))
                {
                    passes++;
                }
            }

            Passes += passes;
        }
    }
}
