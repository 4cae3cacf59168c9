using ResponsePortal.Allocation;

namespace ResponsePortal.Tests.Allocation;

/// <summary>Seeded random instances checked against independent optima and the validity rules of the output format.</summary>
public class AllocationPropertyTests
{
    [Fact]
    public void Objective_equals_brute_force_optimum_on_tiny_instances()
    {
        var random = new Random(20260301);
        for (var iteration = 0; iteration < 300; iteration++)
        {
            var scenario = RandomScenarios.Create(random, maxOffers: 3, maxRequests: 3, maxQuantity: 3);
            if (ReferenceSolvers.FeasiblePairs(scenario).Count > 6)
            {
                continue;
            }

            var result = AllocationEngine.Allocate(scenario);
            Assert.Equal(ReferenceSolvers.BruteForce(scenario), result.Objective, 5);
        }
    }

    [Fact]
    public void Objective_equals_successive_shortest_path_optimum()
    {
        var random = new Random(7);
        for (var iteration = 0; iteration < 400; iteration++)
        {
            var scenario = RandomScenarios.Create(random, maxOffers: 9, maxRequests: 9, maxQuantity: 40);
            var expected = ReferenceSolvers.SuccessiveShortestPaths(scenario);
            var result = AllocationEngine.Allocate(scenario);
            // Integer scaling may lose at most 1e-6 per unit shipped; anything beyond that is a wrong solution.
            var shipped = result.Allocations.Sum(a => a.Quantity);
            Assert.InRange(result.Objective, expected - (1e-6 * shipped) - 1e-9, expected + 1e-9);
        }
    }

    [Fact]
    public void Allocation_respects_quantities_and_uses_only_feasible_pairs()
    {
        var random = new Random(11);
        for (var iteration = 0; iteration < 400; iteration++)
        {
            var scenario = RandomScenarios.Create(random, maxOffers: 12, maxRequests: 12, maxQuantity: 50);
            var catalogue = new SubstituteCatalogue(scenario.Substitutes);
            var offers = scenario.Offers.ToDictionary(o => o.Id);
            var requests = scenario.Requests.ToDictionary(r => r.Id);
            var result = AllocationEngine.Allocate(scenario);
            foreach (var allocation in result.Allocations)
            {
                Assert.True(allocation.Quantity > 0);
                Assert.True(PairRules.IsFeasible(offers[allocation.OfferId], requests[allocation.RequestId], catalogue, out _));
            }

            foreach (var group in result.Allocations.GroupBy(a => a.OfferId))
            {
                Assert.True(group.Sum(a => a.Quantity) <= offers[group.Key].Quantity);
            }

            foreach (var group in result.Allocations.GroupBy(a => a.RequestId))
            {
                Assert.True(group.Sum(a => a.Quantity) <= requests[group.Key].Quantity);
            }

            var recomputed = result.Allocations.Sum(a => a.Quantity * a.Explanation.ValuePerUnit);
            Assert.Equal(recomputed, result.Objective, 6);
        }
    }

    [Fact]
    public void Same_input_gives_byte_identical_output_and_shuffling_changes_nothing()
    {
        var random = new Random(3);
        for (var iteration = 0; iteration < 150; iteration++)
        {
            var scenario = RandomScenarios.Create(random, maxOffers: 10, maxRequests: 10, maxQuantity: 30);
            var first = RunCommand(ScenarioJson.Serialize(scenario));
            var second = RunCommand(ScenarioJson.Serialize(scenario));
            var shuffled = RunCommand(ScenarioJson.Serialize(RandomScenarios.Shuffled(scenario, random)));
            Assert.Equal(first, second);
            Assert.Equal(first, shuffled);
        }
    }

    [Fact]
    public void Output_is_sorted_by_offer_then_request_ordinal()
    {
        var random = new Random(5);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            var result = AllocationEngine.Allocate(RandomScenarios.Create(random, maxOffers: 12, maxRequests: 12, maxQuantity: 30));
            var keys = result.Allocations.Select(a => (a.OfferId, a.RequestId)).ToList();
            var sorted = keys.OrderBy(k => k.OfferId, StringComparer.Ordinal).ThenBy(k => k.RequestId, StringComparer.Ordinal).ToList();
            Assert.Equal(sorted, keys);
        }
    }

    private static byte[] RunCommand(byte[] scenarioJson)
    {
        using var input = new MemoryStream(scenarioJson);
        using var output = new MemoryStream();
        using var error = new StringWriter();
        Assert.Equal(AllocateCommand.Success, AllocateCommand.Run(input, output, error));
        return output.ToArray();
    }
}
