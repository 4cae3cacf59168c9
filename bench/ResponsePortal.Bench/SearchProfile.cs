using System.Globalization;
using System.Runtime.CompilerServices;
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
        var names = new[] { "enumerate runs", "cheap test only", "FindCandidateSlots", "FindCandidates" };
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
                        _ => index.FindCandidates(request, buffer),
                    };
                }

                rounds[v].Add((ThreadCpuClock.Nanoseconds() - started) / 1000.0 / batch.Length);
                GC.KeepAlive(sink);
            }
        }

        var n = (double)batch.Length;
        var lines = new List<string>
        {
            string.Create(
                CultureInfo.InvariantCulture,
                $"per request: {counts.Runs / n:F1} runs, {counts.Entries / n:F0} entries read, {counts.ChordPasses / n:F0} pass chord, {counts.DatePasses / n:F0} pass date, {counts.CheapPasses / n:F0} pass both, {counts.ExactTests / n:F0} need the haversine (slots), {hits / n:F1} qualify"),
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

        public void Visit(ReadOnlySpan<HotFields> hot, ReadOnlySpan<OfferFacts> facts)
        {
            Runs++;
            Entries += hot.Length;
            for (var i = 0; i < hot.Length; i++)
            {
                var (dx, dy, dz) = (hot[i].X - _at.X, hot[i].Y - _at.Y, hot[i].Z - _at.Z);
                var chord = (dx * dx) + (dy * dy) + (dz * dz);
                ChordPasses += chord <= hot[i].MaxChordSquared ? 1 : 0;
                DatePasses += hot[i].AvailableDay <= _day ? 1 : 0;
                if (hot[i].AvailableDay <= _day && chord <= hot[i].MaxChordSquared)
                {
                    CheapPasses++;
                    if (chord >= facts[i].InteriorChordSquared)
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

        public void Visit(ReadOnlySpan<HotFields> hot, ReadOnlySpan<OfferFacts> facts) => Entries += hot.Length;
    }

    private struct CheapTestVisitor(Request request) : ICellVisitor
    {
        private readonly (float X, float Y, float Z) _at = UnitVectorOf(request.Lat, request.Lon);
        private readonly int _day = request.NeededBy.DayNumber;

        public long Passes { get; private set; }

        public void Visit(ReadOnlySpan<HotFields> hot, ReadOnlySpan<OfferFacts> facts)
        {
            var passes = 0;
            for (var i = 0; i < hot.Length; i++)
            {
                var (dx, dy, dz) = (hot[i].X - _at.X, hot[i].Y - _at.Y, hot[i].Z - _at.Z);
                var chord = (dx * dx) + (dy * dy) + (dz * dz);
                if ((hot[i].AvailableDay <= _day) & (chord <= hot[i].MaxChordSquared))
                {
                    passes++;
                }
            }

            Passes += passes;
        }
    }
}
