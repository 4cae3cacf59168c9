using ResponsePortal.Allocation;
using ResponsePortal.Allocation.Geo;
using ResponsePortal.Allocation.Index;

namespace ResponsePortal.Tests.Allocation;

public class OfferIndexTests
{
    private static readonly DateOnly Day0 = new(2026, 3, 1);
    private static readonly Dictionary<string, IReadOnlyList<string>> Substitutes = new() { ["a"] = ["b"] };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Incremental_index_finds_exactly_what_a_full_scan_finds(bool vectorised)
    {
        var random = new Random(42);
        var catalogue = new SubstituteCatalogue(Substitutes);
        var index = new OfferIndex(catalogue, vectorised);
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
                AssertSameAsScan(index, live.Values, request, catalogue);
            }
        }

        Assert.Equal(live.Count, index.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Index_matches_a_full_scan_across_compactions_and_tombstones(bool vectorised)
    {
        // One category and one radius band, so a single grid receives thousands of adds and removes: its packed arrays
        // are rebuilt many times and removals of packed offers leave tombstones that queries must skip.
        var random = new Random(7);
        var index = new OfferIndex(SubstituteCatalogue.Empty, vectorised);
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

            if (step % 1000 == 999)
            {
                // Packing folds overlay and tombstones in at any moment; later adds go to a fresh overlay.
                index.Pack();
            }

            if (step % 250 == 0)
            {
                var request = RandomRequest(random) with { Category = "a" };
                AssertSameAsScan(index, live, request, SubstituteCatalogue.Empty);
            }
        }

        Assert.Equal(live.Count, index.Count);
        index.Pack();
        AssertSameAsScan(index, live, RandomRequest(random) with { Category = "a", Lat = 50, Lon = 10 }, SubstituteCatalogue.Empty);
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

    [Fact]
    public void Offers_on_the_radius_boundary_and_beyond_the_value_reach_are_judged_like_the_scan()
    {
        // Requests placed exactly at an offer's radius (the float chord cannot decide there) and offers whose radius
        // exceeds a normal request's value reach of 1,000 km (accepted only while the value stays positive).
        var random = new Random(11);
        var index = new OfferIndex(SubstituteCatalogue.Empty);
        var offers = new List<Offer>();
        for (var i = 0; i < 400; i++)
        {
            var offer = RandomOffer(random, $"o{i}") with { Category = "a", RadiusKm = i % 2 == 0 ? 50 + (random.NextDouble() * 700) : 900 + (random.NextDouble() * 3500) };
            index.Add(offer);
            offers.Add(offer);
        }

        foreach (var offer in offers.Take(100))
        {
            // Due north by the radius (1 degree of latitude = KmPerDegree km), clamped below the pole.
            var lat = Math.Min(89.0, offer.Lat + (offer.RadiusKm / GreatCircle.KmPerDegree));
            var request = RandomRequest(random) with { Category = "a", Lat = lat, Lon = offer.Lon, NeededBy = Day0.AddDays(30), RequiredCertifications = [] };
            AssertSameAsScan(index, offers, request, SubstituteCatalogue.Empty);
        }
    }

    /// <summary>All three searches against PairRules.IsFeasible on every live offer: the list API, the slots, the distances.</summary>
    private static void AssertSameAsScan(OfferIndex index, IEnumerable<Offer> live, Request request, SubstituteCatalogue catalogue)
    {
        var expected = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var offer in live)
        {
            if (PairRules.IsFeasible(offer, request, catalogue, out var distanceKm))
            {
                expected.Add(offer.Id, distanceKm);
            }
        }

        var ids = expected.Keys.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(ids, index.FindCandidates(request).Select(c => c.Offer.Id).Order(StringComparer.Ordinal));

        var buffer = new CandidateBuffer();
        index.FindCandidateSlots(request, buffer);
        Assert.Equal(ids, buffer.Slots.ToArray().Select(slot => index.OfferAt(slot).Id).Order(StringComparer.Ordinal));

        index.FindCandidates(request, buffer);
        for (var i = 0; i < buffer.Count; i++)
        {
            // Bit-identical: the index calls the same haversine as PairRules.
            Assert.Equal(expected[index.OfferAt(buffer.Slots[i]).Id], buffer.DistancesKm[i]);
        }

        Assert.Equal(ids.Length, buffer.Count);
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
        var offer = new Offer(id, random.Next(3) switch { 0 => "a", 1 => "b", _ => "c" }, 1, lat, lon, radius, Day0.AddDays(random.Next(10)), random.Next(2) == 0 ? ["CE"] : []);
        // Some personnel: skills and an availability period, which the index checks apart from the goods' rules.
        return random.Next(4) != 0 ? offer : offer with
        {
            Skills = random.Next(2) == 0 ? ["nursing"] : ["nursing", "driving"],
            PeriodFrom = random.Next(2) == 0 ? Day0.AddDays(random.Next(10)) : null,
            PeriodUntil = random.Next(2) == 0 ? Day0.AddDays(10 + random.Next(10)) : null,
        };
    }

    private static Request RandomRequest(Random random)
    {
        var (lat, lon) = random.Next(4) == 0
            ? ((random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180)
            : (45 + (random.NextDouble() * 10), 5 + (random.NextDouble() * 15));
        var request = new Request("r", random.Next(3) switch { 0 => "a", 1 => "b", _ => "c" }, 1, lat, lon, Day0.AddDays(random.Next(10)), (Urgency)random.Next(3), random.Next(3) == 0 ? ["CE"] : []);
        return random.Next(4) != 0 ? request : request with
        {
            Skills = random.Next(2) == 0 ? ["driving"] : [],
            PeriodFrom = random.Next(2) == 0 ? Day0.AddDays(12 + random.Next(10)) : null,
            PeriodUntil = random.Next(2) == 0 ? Day0.AddDays(random.Next(10)) : null,
        };
    }
}
