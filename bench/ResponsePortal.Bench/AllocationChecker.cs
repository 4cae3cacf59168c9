using System.Text.Json;
using ResponsePortal.Allocation;

namespace ResponsePortal.Bench;

/// <summary>Re-checks an allocation file against its scenario (feasible pairs, quantities) and recomputes its objective.</summary>
internal static class AllocationChecker
{
    public static double Verify(Scenario scenario, string allocationPath)
    {
        var offers = scenario.Offers.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var requests = scenario.Requests.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var catalogue = new SubstituteCatalogue(scenario.Substitutes);
        var given = new Dictionary<string, long>(StringComparer.Ordinal);
        var received = new Dictionary<string, long>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllBytes(allocationPath));
        var objective = 0.0;
        foreach (var allocation in document.RootElement.GetProperty("allocations").EnumerateArray())
        {
            var offer = offers[allocation.GetProperty("offerId").GetString()!];
            var request = requests[allocation.GetProperty("requestId").GetString()!];
            var quantity = allocation.GetProperty("quantity").GetInt64();
            if (quantity <= 0 || !PairRules.IsFeasible(offer, request, catalogue, out var distanceKm))
            {
                throw new InvalidOperationException($"invalid allocation {offer.Id} -> {request.Id}");
            }

            given[offer.Id] = given.GetValueOrDefault(offer.Id) + quantity;
            received[request.Id] = received.GetValueOrDefault(request.Id) + quantity;
            if (given[offer.Id] > offer.Quantity || received[request.Id] > request.Quantity)
            {
                throw new InvalidOperationException($"quantity exceeded at {offer.Id} -> {request.Id}");
            }

            objective += quantity * PairRules.ValuePerUnit(request.Urgency, distanceKm);
        }

        return objective;
    }
}
