using System.Collections.Concurrent;
using System.Diagnostics;
using ResponsePortal.Allocation.Engine;
using ResponsePortal.Allocation.Solver;

namespace ResponsePortal.Allocation;

/// <summary>
/// Exact optimal allocation of supply to demand: feasible pairs from the offer index, split into independent components,
/// each solved as a min-cost flow by the network simplex on integer costs, components in parallel.
/// </summary>
public static class AllocationEngine
{
    /// <summary>
    /// Values are scaled to integer micro-units for the solver, which must compare costs exactly. Rounding moves a pair's
    /// value by at most 5e-7, so the allocation found is within 1e-6 per unit shipped of the true optimum (values are
    /// between 0 and 4 per unit, typically 1-4, so the relative loss is about 1e-6 at worst and usually zero).
    /// </summary>
    internal const double CostScale = 1e6;

    public static AllocationResult Allocate(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var started = Stopwatch.GetTimestamp();
        var pairs = FeasiblePairs.Build(scenario);
        var searched = Stopwatch.GetTimestamp();
        var result = Allocate(pairs);
        return result with
        {
            Statistics = result.Statistics with
            {
                CandidateSearch = Stopwatch.GetElapsedTime(started, searched),
                Solve = Stopwatch.GetElapsedTime(searched),
            },
        };
    }

    internal static AllocationResult Allocate(FeasiblePairs pairs)
    {
        var (pairOrder, starts) = ComponentSplitter.Split(pairs);
        var componentCount = starts.Length - 1;
        var flows = new long[pairs.Count];

        // Each listing lies in exactly one component, so the components may share these numbering arrays.
        var offerLocal = new int[pairs.Offers.Length];
        var requestLocal = new int[pairs.Requests.Length];

        var largestFirst = Enumerable.Range(0, componentCount)
            .OrderByDescending(c => starts[c + 1] - starts[c])
            .ThenBy(c => c)
            .ToArray();
        var largestComponent = componentCount == 0 ? 0 : starts[largestFirst[0] + 1] - starts[largestFirst[0]];
        Parallel.ForEach(
            Partitioner.Create(largestFirst, EnumerablePartitionerOptions.NoBuffering),
            component => SolveComponent(pairs, pairOrder.AsSpan(starts[component], starts[component + 1] - starts[component]), offerLocal, requestLocal, flows));

        var allocated = new List<int>();
        for (var p = 0; p < pairs.Count; p++)
        {
            if (flows[p] > 0)
            {
                allocated.Add(p);
            }
        }

        // Offers and requests are numbered in ordinal id order, so this is the output order (offerId, requestId).
        allocated.Sort((a, b) =>
        {
            var byOffer = pairs.OfferOf[a].CompareTo(pairs.OfferOf[b]);
            return byOffer != 0 ? byOffer : pairs.RequestOf[a].CompareTo(pairs.RequestOf[b]);
        });

        var allocations = new Allocation[allocated.Count];
        var objective = 0.0;
        for (var i = 0; i < allocated.Count; i++)
        {
            var p = allocated[i];
            allocations[i] = Describe(pairs, p, flows[p]);
            objective += flows[p] * allocations[i].Explanation.ValuePerUnit;
        }

        return new AllocationResult(allocations, objective, new AllocationStatistics(pairs.Count, componentCount, largestComponent));
    }

    private static void SolveComponent(FeasiblePairs pairs, ReadOnlySpan<int> componentPairs, int[] offerLocal, int[] requestLocal, long[] flows)
    {
        // Number the component's offers first, then its requests, in order of first appearance.
        var nodeCount = 0;
        foreach (var p in componentPairs)
        {
            offerLocal[pairs.OfferOf[p]] = -1;
            requestLocal[pairs.RequestOf[p]] = -1;
        }

        foreach (var p in componentPairs)
        {
            ref var local = ref offerLocal[pairs.OfferOf[p]];
            if (local < 0)
            {
                local = nodeCount++;
            }
        }

        foreach (var p in componentPairs)
        {
            ref var local = ref requestLocal[pairs.RequestOf[p]];
            if (local < 0)
            {
                local = nodeCount++;
            }
        }

        var supply = new long[nodeCount];
        var source = new int[componentPairs.Length];
        var target = new int[componentPairs.Length];
        var cost = new long[componentPairs.Length];
        for (var i = 0; i < componentPairs.Length; i++)
        {
            var p = componentPairs[i];
            var offer = pairs.OfferOf[p];
            var request = pairs.RequestOf[p];
            source[i] = offerLocal[offer];
            target[i] = requestLocal[request];
            supply[source[i]] = pairs.Offers[offer].Quantity;
            supply[target[i]] = -pairs.Requests[request].Quantity;
            // Maximising value is minimising its negation.
            cost[i] = -(long)Math.Round(pairs.ValuePerUnit(p) * CostScale, MidpointRounding.AwayFromZero);
        }

        var flow = NetworkSimplex.Solve(supply, source, target, cost);
        for (var i = 0; i < componentPairs.Length; i++)
        {
            flows[componentPairs[i]] = flow[i];
        }
    }

    private static Allocation Describe(FeasiblePairs pairs, int pair, long quantity)
    {
        var offer = pairs.Offers[pairs.OfferOf[pair]];
        var request = pairs.Requests[pairs.RequestOf[pair]];
        var skillsMatched = request.Skills.Count == 0
            ? (IReadOnlyList<string>)[]
            : request.Skills.Where(skill => offer.Skills.Contains(skill, StringComparer.Ordinal)).ToArray();
        var explanation = new MatchExplanation(
            DistanceKm: pairs.DistanceKm[pair],
            Urgency: request.Urgency,
            CertificationsSatisfied: request.RequiredCertifications,
            SubstituteUsed: !string.Equals(offer.Category, request.Category, StringComparison.Ordinal),
            OfferCategory: offer.Category,
            ShareOfRequest: (double)quantity / request.Quantity,
            ValuePerUnit: pairs.ValuePerUnit(pair),
            SkillsMatched: skillsMatched);
        return new Allocation(offer.Id, request.Id, quantity, explanation);
    }
}
