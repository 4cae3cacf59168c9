using ResponsePortal.Allocation.Index;

namespace ResponsePortal.Allocation.Engine;

/// <summary>
/// For the benchmark's export to the LEMON reference solver only: the engine never holds all pairs (see AllocationEngine).
/// Every feasible (offer, request) pair of a scenario in dense arrays, offers and requests numbered in ordinal id order.
/// Pairs are grouped by request in request order and by offer inside a request, so the list (and everything solved from
/// it) depends only on the scenario's content, not on the order of its listings or on thread timing.
/// </summary>
internal sealed class FeasiblePairs
{
    private FeasiblePairs(Offer[] offers, Request[] requests, int[] offerOf, int[] requestOf, double[] distanceKm)
    {
        Offers = offers;
        Requests = requests;
        OfferOf = offerOf;
        RequestOf = requestOf;
        DistanceKm = distanceKm;
    }

    public Offer[] Offers { get; }

    public Request[] Requests { get; }

    public int[] OfferOf { get; }

    public int[] RequestOf { get; }

    public double[] DistanceKm { get; }

    public int Count => OfferOf.Length;

    public double ValuePerUnit(int pair) => PairRules.ValuePerUnit(Requests[RequestOf[pair]].Urgency, DistanceKm[pair]);

    /// <summary>Finds all pairs through an <see cref="OfferIndex"/>, requests split in chunks over the available cores.</summary>
    public static FeasiblePairs Build(Scenario scenario)
    {
        // Canonical order and the packed index: slot == position in the sorted offers.
        var (offers, requests, index) = Market.Build(scenario);

        const int ChunkSize = 2048;
        var chunkCount = (requests.Length + ChunkSize - 1) / ChunkSize;
        var chunks = new ChunkPairs[chunkCount];
        Parallel.For(0, chunkCount, chunk =>
        {
            var found = new CandidateBuffer();
            var offerOf = new List<int>();
            var distance = new List<double>();
            var requestEnds = new List<int>();
            var end = Math.Min(requests.Length, (chunk + 1) * ChunkSize);
            for (var r = chunk * ChunkSize; r < end; r++)
            {
                index.FindCandidates(requests[r], found);
                found.SortBySlot();
                for (var i = 0; i < found.Count; i++)
                {
                    offerOf.Add(found.Slots[i]);
                    distance.Add(found.DistancesKm[i]);
                }

                requestEnds.Add(offerOf.Count);
            }

            chunks[chunk] = new ChunkPairs(offerOf, distance, requestEnds);
        });

        var total = 0;
        foreach (var chunk in chunks)
        {
            total += chunk.OfferOf.Count;
        }

        var allOffers = new int[total];
        var allRequests = new int[total];
        var allDistances = new double[total];
        var at = 0;
        for (var chunk = 0; chunk < chunkCount; chunk++)
        {
            var pairs = chunks[chunk];
            pairs.OfferOf.CopyTo(allOffers, at);
            pairs.DistanceKm.CopyTo(allDistances, at);
            var start = 0;
            for (var i = 0; i < pairs.RequestEnds.Count; i++)
            {
                var request = (chunk * ChunkSize) + i;
                allRequests.AsSpan(at + start, pairs.RequestEnds[i] - start).Fill(request);
                start = pairs.RequestEnds[i];
            }

            at += pairs.OfferOf.Count;
        }

        return new FeasiblePairs(offers, requests, allOffers, allRequests, allDistances);
    }

    /// <summary>Pairs found by one chunk of requests; RequestEnds[i] is where request i of the chunk stops.</summary>
    private sealed record ChunkPairs(List<int> OfferOf, List<double> DistanceKm, List<int> RequestEnds);
}
