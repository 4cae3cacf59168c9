using System.Collections.Concurrent;
using System.Diagnostics;
using ResponsePortal.Allocation.Engine;
using ResponsePortal.Allocation.Geo;
using ResponsePortal.Allocation.Index;
using ResponsePortal.Allocation.Solver;

namespace ResponsePortal.Allocation;

/// <summary>
/// Exact optimal allocation of supply to demand: feasible pairs from the offer index, split into independent components,
/// each solved as a min-cost flow by the network simplex on integer costs, components in parallel.
/// </summary>
/// <remarks>
/// The feasible pairs are never all held at once (36.7 M pairs at 100,000 listings per side would take GBs). A first pass
/// over the requests asks the index only which offers qualify and joins request and offers in a union-find, which gives
/// the components and their sizes. Then each component, largest first, generates its own pairs straight into the solver's
/// arrays, is solved, yields its allocations and is dropped, so memory holds at most the components being solved.
/// </remarks>
public static class AllocationEngine
{
    /// <summary>
    /// Values are scaled to integer micro-units for the solver, which must compare costs exactly. Rounding moves a pair's
    /// value by at most 5e-7, so the allocation found is within 1e-6 per unit shipped of the true optimum (values are
    /// between 0 and 4 per unit, typically 1-4, so the relative loss is about 1e-6 at worst and usually zero).
    /// </summary>
    internal const double CostScale = 1e6;

    /// <summary>Scaled cost of a pair: maximising value is minimising its negation. Fits an int: |value| &lt;= 4.</summary>
    internal static int ScaledCost(double valuePerUnit) => -(int)Math.Round(valuePerUnit * CostScale, MidpointRounding.AwayFromZero);

    public static AllocationResult Allocate(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var started = Stopwatch.GetTimestamp();
        var market = Market.Build(scenario);
        var components = Components.Find(market);
        var searched = Stopwatch.GetTimestamp();

        // Largest first so the longest solve starts at once; ties by number, so the schedule does not depend on timing.
        var largestFirst = Enumerable.Range(0, components.Count)
            .OrderByDescending(c => components.PairCount[c])
            .ThenBy(c => c)
            .ToArray();

        // Each listing lies in exactly one component, so the components may share these numbering arrays.
        var offerLocal = new int[market.Offers.Length];
        Array.Fill(offerLocal, -1);
        var shipped = new ConcurrentBag<Shipment[]>();
        Parallel.ForEach(
            Partitioner.Create(largestFirst, EnumerablePartitionerOptions.NoBuffering),
            () => new CandidateBuffer(),
            (component, _, buffer) =>
            {
                shipped.Add(SolveComponent(market, components, component, offerLocal, buffer));
                return buffer;
            },
            _ => { });

        // Offers and requests are numbered in ordinal id order, so this is the output order (offerId, requestId).
        var shipments = shipped.SelectMany(s => s).ToArray();
        Array.Sort(shipments, static (a, b) => a.Offer != b.Offer ? a.Offer.CompareTo(b.Offer) : a.Request.CompareTo(b.Request));
        var allocations = new Allocation[shipments.Length];
        var objective = 0.0;
        for (var i = 0; i < shipments.Length; i++)
        {
            allocations[i] = Describe(market, shipments[i]);
            objective += shipments[i].Quantity * allocations[i].Explanation.ValuePerUnit;
        }

        var largest = components.Count == 0 ? 0L : components.PairCount[largestFirst[0]];
        return new AllocationResult(
            allocations,
            objective,
            new AllocationStatistics((int)Math.Min(int.MaxValue, components.TotalPairs), components.Count, (int)largest)
            {
                CandidateSearch = Stopwatch.GetElapsedTime(started, searched),
                Solve = Stopwatch.GetElapsedTime(searched),
            });
    }

    /// <summary>
    /// Generates the component's pairs (its requests in order, each request's candidates in index order) into the solver,
    /// solves, and returns the positive flows. Nodes: the component's requests first, then its offers by first appearance.
    /// The arc count and the offer count come from the component pass; a mismatch would mean the index changed meanwhile.
    /// </summary>
    private static Shipment[] SolveComponent(Market market, Components components, int component, int[] offerLocal, CandidateBuffer buffer)
    {
        var requests = components.RequestsOf(component);
        var offerNodes = new int[components.OfferCount[component]];
        var offersSeen = 0;
        var arcCount = (int)components.PairCount[component];
        var simplex = new NetworkSimplex(requests.Length + offerNodes.Length, arcCount);
        var arc = 0;
        for (var r = 0; r < requests.Length; r++)
        {
            var request = market.Requests[requests[r]];
            simplex.SetSupply(r, -request.Quantity);
            market.Index.FindCandidates(request, buffer);
            for (var i = 0; i < buffer.Count; i++)
            {
                ref var local = ref offerLocal[buffer.Slots[i]];
                if (local < 0)
                {
                    local = offersSeen;
                    offerNodes[offersSeen++] = buffer.Slots[i];
                }

                var value = PairRules.ValuePerUnit(request.Urgency, buffer.DistancesKm[i]);
                simplex.SetArc(arc++, requests.Length + local, r, ScaledCost(value));
            }
        }

        if (arc != arcCount || offersSeen != offerNodes.Length)
        {
            throw new InvalidOperationException($"Component {component}: the second search disagrees with the first.");
        }

        for (var o = 0; o < offerNodes.Length; o++)
        {
            simplex.SetSupply(requests.Length + o, market.Offers[offerNodes[o]].Quantity);
        }

        simplex.Run();
        var shipments = new List<Shipment>();
        for (var position = 0; position < arcCount; position++)
        {
            var flow = simplex.ArcFlow(position);
            if (flow > 0)
            {
                shipments.Add(new Shipment(offerNodes[simplex.ArcSource(position) - requests.Length], requests[simplex.ArcTarget(position)], flow));
            }
        }

        return [.. shipments];
    }

    private static Allocation Describe(Market market, in Shipment shipment)
    {
        var offer = market.Offers[shipment.Offer];
        var request = market.Requests[shipment.Request];
        // The same function the index used for the pair's cost, on the same inputs: the same distance to the last bit.
        var distanceKm = GreatCircle.DistanceKm(offer.Lat, offer.Lon, request.Lat, request.Lon);
        var skillsMatched = request.Skills.Count == 0
            ? (IReadOnlyList<string>)[]
            : request.Skills.Where(skill => offer.Skills.Contains(skill, StringComparer.Ordinal)).ToArray();
        var explanation = new MatchExplanation(
            DistanceKm: distanceKm,
            Urgency: request.Urgency,
            CertificationsSatisfied: request.RequiredCertifications,
            SubstituteUsed: !string.Equals(offer.Category, request.Category, StringComparison.Ordinal),
            OfferCategory: offer.Category,
            ShareOfRequest: (double)shipment.Quantity / request.Quantity,
            ValuePerUnit: PairRules.ValuePerUnit(request.Urgency, distanceKm),
            SkillsMatched: skillsMatched);
        return new Allocation(offer.Id, request.Id, shipment.Quantity, explanation);
    }

    /// <summary>A positive flow: offer and request by their position in ordinal id order, and the quantity.</summary>
    private readonly record struct Shipment(int Offer, int Request, long Quantity);
}
