using ResponsePortal.Allocation;
using ResponsePortal.Allocation.Index;

namespace ResponsePortal.Tests.Allocation;

public class OfferIndexTests
{
    private static readonly DateOnly Day0 = new(2026, 3, 1);
    private static readonly Dictionary<string, IReadOnlyList<string>> Substitutes = new() { ["a"] = ["b"] };

    [Fact]
    public void Incremental_index_finds_exactly_what_a_full_scan_finds()
    {
        var random = new Random(42);
        var catalogue = new SubstituteCatalogue(Substitutes);
        var index = new OfferIndex(catalogue);
        var live = new Dictionary<string, Offer>();
        for (var step = 0; step < 3000; step++)
        {
            if (live.Count > 0 && random.Next(4) == 0)
            {
                var id = live.Keys.ElementAt(random.Next(live.Count));
                Assert.True(index.Remove(id));
                live.Remove(id);
            }
            else
            {
                var offer = RandomOffer(random, $"o{step}");
                index.Add(offer);
                live.Add(offer.Id, offer);
            }

            if (step % 10 == 0)
            {
                var request = RandomRequest(random);
                var expected = live.Values
                    .Where(o => PairRules.IsFeasible(o, request, catalogue, out _))
                    .Select(o => o.Id)
                    .Order(StringComparer.Ordinal);
                Assert.Equal(expected, index.FindCandidates(request).Select(c => c.Offer.Id).Order(StringComparer.Ordinal));
            }
        }

        Assert.Equal(live.Count, index.Count);
    }

    [Fact]
    public void Index_matches_a_full_scan_across_compactions_and_tombstones()
    {
        // One category and one radius band, so a single grid receives thousands of adds and removes: its packed arrays
        // are rebuilt many times and removals of packed offers leave tombstones that queries must skip.
        var random = new Random(7);
        var index = new OfferIndex(SubstituteCatalogue.Empty);
        var live = new List<Offer>();
        for (var step = 0; step < 12000; step++)
        {
            if (live.Count > 0 && random.Next(3) == 0)
            {
                var at = random.Next(live.Count);
                Assert.True(index.Remove(live[at].Id));
                live[at] = live[^1];
                live.RemoveAt(live.Count - 1);
            }
            else
            {
                var offer = RandomOffer(random, $"o{step}") with { Category = "a", RadiusKm = 101 + (random.NextDouble() * 99) };
                index.Add(offer);
                live.Add(offer);
            }

            if (step % 250 == 0)
            {
                var request = RandomRequest(random) with { Category = "a" };
                var expected = live
                    .Where(o => PairRules.IsFeasible(o, request, SubstituteCatalogue.Empty, out _))
                    .Select(o => o.Id)
                    .Order(StringComparer.Ordinal);
                Assert.Equal(expected, index.FindCandidates(request).Select(c => c.Offer.Id).Order(StringComparer.Ordinal));
            }
        }

        Assert.Equal(live.Count, index.Count);
    }

    [Fact]
    public void Candidates_across_the_antimeridian_and_near_the_pole_are_found()
    {
        var index = new OfferIndex(SubstituteCatalogue.Empty);
        index.Add(new Offer("east", "a", 1, 10, 179.9, 100, Day0, []));
        index.Add(new Offer("pole", "a", 1, 89.9, 0, 300, Day0, []));
        Assert.Equal(["east"], index.FindCandidates(new Request("r", "a", 1, 10, -179.9, Day0, Urgency.Normal, [])).Select(c => c.Offer.Id));
        Assert.Equal(["pole"], index.FindCandidates(new Request("r", "a", 1, 89.5, 180, Day0, Urgency.Normal, [])).Select(c => c.Offer.Id));
    }

    [Fact]
    public void Adding_the_same_offer_twice_is_rejected_and_removing_unknown_is_false()
    {
        var index = new OfferIndex(SubstituteCatalogue.Empty);
        var offer = new Offer("o", "a", 1, 0, 0, 10, Day0, []);
        index.Add(offer);
        Assert.Throws<ArgumentException>(() => index.Add(offer));
        Assert.False(index.Remove("missing"));
    }

    private static Offer RandomOffer(Random random, string id)
    {
        // Mostly Europe, some anywhere on Earth (poles, antimeridian), radii from tiny to global.
        var (lat, lon) = random.Next(4) == 0
            ? ((random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180)
            : (45 + (random.NextDouble() * 10), 5 + (random.NextDouble() * 15));
        var radius = random.Next(10) switch
        {
            0 => random.NextDouble() * 50,
            1 => 5000 + (random.NextDouble() * 20000),
            _ => Math.Exp(Math.Log(50) + (random.NextDouble() * Math.Log(16))),
        };
        return new Offer(id, random.Next(3) switch { 0 => "a", 1 => "b", _ => "c" }, 1, lat, lon, radius, Day0.AddDays(random.Next(10)), random.Next(2) == 0 ? ["CE"] : []);
    }

    private static Request RandomRequest(Random random)
    {
        var (lat, lon) = random.Next(4) == 0
            ? ((random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180)
            : (45 + (random.NextDouble() * 10), 5 + (random.NextDouble() * 15));
        return new Request("r", random.Next(3) switch { 0 => "a", 1 => "b", _ => "c" }, 1, lat, lon, Day0.AddDays(random.Next(10)), (Urgency)random.Next(3), random.Next(3) == 0 ? ["CE"] : []);
    }
}
