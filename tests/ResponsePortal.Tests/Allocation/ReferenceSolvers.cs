using ResponsePortal.Allocation;

namespace ResponsePortal.Tests.Allocation;

/// <summary>
/// Optimum of a scenario found independently of the engine: no index, no components, no network simplex, no integer
/// scaling. Pairs come from a plain scan with <see cref="PairRules.IsFeasible"/>.
/// </summary>
internal static class ReferenceSolvers
{
    internal sealed record Pair(int Offer, int Request, double Value);

    public static List<Pair> FeasiblePairs(Scenario scenario)
    {
        var catalogue = new SubstituteCatalogue(scenario.Substitutes);
        var pairs = new List<Pair>();
        for (var o = 0; o < scenario.Offers.Count; o++)
        {
            for (var r = 0; r < scenario.Requests.Count; r++)
            {
                if (PairRules.IsFeasible(scenario.Offers[o], scenario.Requests[r], catalogue, out var distance))
                {
                    pairs.Add(new Pair(o, r, PairRules.ValuePerUnit(scenario.Requests[r].Urgency, distance)));
                }
            }
        }

        return pairs;
    }

    /// <summary>
    /// Successive shortest paths with Bellman-Ford on a dense residual matrix, double costs: augment along the cheapest
    /// source-sink path while it has negative cost (value gained). Cost as a function of flow is convex, so stopping at
    /// the first non-negative path gives the maximum value.
    /// </summary>
    public static double SuccessiveShortestPaths(Scenario scenario)
    {
        var pairs = FeasiblePairs(scenario);
        int offers = scenario.Offers.Count, requests = scenario.Requests.Count;
        var n = offers + requests + 2;
        int source = n - 2, sink = n - 1;
        var capacity = new long[n, n];
        var cost = new double[n, n];
        for (var o = 0; o < offers; o++)
        {
            capacity[source, o] = scenario.Offers[o].Quantity;
        }

        for (var r = 0; r < requests; r++)
        {
            capacity[offers + r, sink] = scenario.Requests[r].Quantity;
        }

        foreach (var pair in pairs)
        {
            capacity[pair.Offer, offers + pair.Request] = long.MaxValue / 4;
            cost[pair.Offer, offers + pair.Request] = -pair.Value;
            cost[offers + pair.Request, pair.Offer] = pair.Value;
        }

        var value = 0.0;
        while (true)
        {
            var distance = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
            var previous = Enumerable.Repeat(-1, n).ToArray();
            distance[source] = 0;
            for (var round = 0; round < n; round++)
            {
                var changed = false;
                for (var u = 0; u < n; u++)
                {
                    if (double.IsPositiveInfinity(distance[u]))
                    {
                        continue;
                    }

                    for (var v = 0; v < n; v++)
                    {
                        if (capacity[u, v] > 0 && distance[u] + cost[u, v] < distance[v] - 1e-12)
                        {
                            distance[v] = distance[u] + cost[u, v];
                            previous[v] = u;
                            changed = true;
                        }
                    }
                }

                if (!changed)
                {
                    break;
                }
            }

            if (double.IsPositiveInfinity(distance[sink]) || distance[sink] >= -1e-12)
            {
                return value;
            }

            var bottleneck = long.MaxValue;
            for (var v = sink; v != source; v = previous[v])
            {
                bottleneck = Math.Min(bottleneck, capacity[previous[v], v]);
            }

            for (var v = sink; v != source; v = previous[v])
            {
                capacity[previous[v], v] -= bottleneck;
                capacity[v, previous[v]] += bottleneck;
            }

            value -= bottleneck * distance[sink];
        }
    }

    /// <summary>Tries every integer allocation over the feasible pairs (tiny instances only).</summary>
    public static double BruteForce(Scenario scenario)
    {
        var pairs = FeasiblePairs(scenario);
        var offerLeft = scenario.Offers.Select(o => o.Quantity).ToArray();
        var requestLeft = scenario.Requests.Select(r => r.Quantity).ToArray();
        return Best(0);

        double Best(int index)
        {
            if (index == pairs.Count)
            {
                return 0;
            }

            var pair = pairs[index];
            var best = double.NegativeInfinity;
            var most = Math.Min(offerLeft[pair.Offer], requestLeft[pair.Request]);
            for (var quantity = 0L; quantity <= most; quantity++)
            {
                offerLeft[pair.Offer] -= quantity;
                requestLeft[pair.Request] -= quantity;
                best = Math.Max(best, (quantity * pair.Value) + Best(index + 1));
                offerLeft[pair.Offer] += quantity;
                requestLeft[pair.Request] += quantity;
            }

            return best;
        }
    }
}
