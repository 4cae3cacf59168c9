using ResponsePortal.Allocation;
using ResponsePortal.Allocation.Engine;

namespace ResponsePortal.Bench;

/// <summary>
/// Writes the feasible pairs of a scenario for the LEMON harness, little-endian binary:
/// int32 offerCount, int32 requestCount, int64 pairCount; int64 offer quantities; int64 request quantities;
/// then per pair int32 offer, int32 request, int64 scaled value (round(value x 1e6), the engine's integer cost), double value.
/// Both solvers thus see exactly the same network and the same integer costs.
/// </summary>
internal static class PairExport
{
    public static int Write(Scenario scenario, string path)
    {
        var pairs = FeasiblePairs.Build(scenario);
        using var stream = new BufferedStream(File.Create(path), 1 << 20);
        using var writer = new BinaryWriter(stream);
        writer.Write(pairs.Offers.Length);
        writer.Write(pairs.Requests.Length);
        writer.Write((long)pairs.Count);
        foreach (var offer in pairs.Offers)
        {
            writer.Write(offer.Quantity);
        }

        foreach (var request in pairs.Requests)
        {
            writer.Write(request.Quantity);
        }

        for (var p = 0; p < pairs.Count; p++)
        {
            var value = pairs.ValuePerUnit(p);
            writer.Write(pairs.OfferOf[p]);
            writer.Write(pairs.RequestOf[p]);
            writer.Write((long)Math.Round(value * AllocationEngine.CostScale, MidpointRounding.AwayFromZero));
            writer.Write(value);
        }

        return pairs.Count;
    }
}
