using ResponsePortal.Allocation;
using ResponsePortal.Allocation.Geo;
using ResponsePortal.Allocation.Index;

namespace ResponsePortal.Tests.Allocation;

/// <summary>Each feasibility rule of the scenario format, checked by the rules and by the index the engine uses.</summary>
public class PairRulesTests
{
    private static readonly DateOnly Day = new(2026, 3, 10);
    private static readonly SubstituteCatalogue Masks = new(new Dictionary<string, IReadOnlyList<string>> { ["ffp2"] = ["ffp3"] });

    private static Offer OfferAt(double lat, double lon, string category = "ffp2", double radiusKm = 500) =>
        new("o", category, 10, lat, lon, radiusKm, Day, ["EN149", "CE"]);

    private static Request RequestAt(double lat, double lon, string category = "ffp2", Urgency urgency = Urgency.Normal) =>
        new("r", category, 10, lat, lon, Day, urgency, []);

    [Fact]
    public void Substitution_is_directed_from_request_category_to_offer_category()
    {
        Assert.True(Feasible(OfferAt(50, 10, "ffp3"), RequestAt(50, 10, "ffp2")));
        Assert.False(Feasible(OfferAt(50, 10, "ffp2"), RequestAt(50, 10, "ffp3")));
        Assert.False(Feasible(OfferAt(50, 10, "gloves"), RequestAt(50, 10, "ffp2")));
    }

    [Fact]
    public void Radius_boundary_is_inclusive()
    {
        var distance = GreatCircle.DistanceKm(50, 10, 51, 12);
        Assert.True(Feasible(OfferAt(50, 10, radiusKm: distance), RequestAt(51, 12)));
        Assert.False(Feasible(OfferAt(50, 10, radiusKm: Math.BitDecrement(distance)), RequestAt(51, 12)));
    }

    [Fact]
    public void Haversine_matches_a_known_distance()
    {
        // Hamburg - Berlin, about 255 km on the 6371 km sphere.
        Assert.Equal(255.1, GreatCircle.DistanceKm(53.55, 9.99, 52.52, 13.40), 1);
    }

    [Fact]
    public void Offer_available_on_the_needed_day_qualifies_one_day_later_does_not()
    {
        var offer = OfferAt(50, 10);
        Assert.True(Feasible(offer with { AvailableFrom = Day }, RequestAt(50, 10)));
        Assert.False(Feasible(offer with { AvailableFrom = Day.AddDays(1) }, RequestAt(50, 10)));
    }

    [Fact]
    public void Every_required_certification_must_be_held()
    {
        var request = RequestAt(50, 10);
        Assert.True(Feasible(OfferAt(50, 10), request with { RequiredCertifications = ["EN149", "CE"] }));
        Assert.False(Feasible(OfferAt(50, 10), request with { RequiredCertifications = ["EN149", "EN14683"] }));
        Assert.False(Feasible(OfferAt(50, 10) with { Certifications = [] }, request with { RequiredCertifications = ["CE"] }));
    }

    [Fact]
    public void Pairs_without_positive_value_are_excluded()
    {
        // Normal urgency is worth 1 per unit, so beyond 1000 km the value is negative even inside the radius.
        var far = OfferAt(50, 10, radiusKm: 5000);
        var (lat, lon) = (50.0, 24.2);
        var distance = GreatCircle.DistanceKm(50, 10, lat, lon);
        Assert.InRange(distance, 1000, 1020);
        Assert.False(Feasible(far, RequestAt(lat, lon, urgency: Urgency.Normal)));
        Assert.True(Feasible(far, RequestAt(lat, lon, urgency: Urgency.High)));
    }

    [Fact]
    public void Personnel_needs_a_shared_skill_and_overlapping_periods()
    {
        var staff = OfferAt(50, 10, "staff") with
        {
            Certifications = [],
            Skills = ["forklift", "care"],
            PeriodFrom = new DateOnly(2026, 3, 1),
            PeriodUntil = new DateOnly(2026, 3, 31),
        };
        var need = RequestAt(50, 10, "staff") with { Skills = ["care", "driving"] };
        Assert.True(Feasible(staff, need));
        Assert.False(Feasible(staff, need with { Skills = ["driving"] }));
        Assert.True(Feasible(staff, need with { Skills = [] }));
        Assert.True(Feasible(staff, need with { PeriodFrom = new DateOnly(2026, 3, 31), PeriodUntil = new DateOnly(2026, 4, 30) }));
        Assert.False(Feasible(staff, need with { PeriodFrom = new DateOnly(2026, 4, 1), PeriodUntil = new DateOnly(2026, 4, 30) }));
        Assert.False(Feasible(staff, need with { PeriodUntil = new DateOnly(2026, 2, 28) }));
        Assert.True(Feasible(staff with { PeriodFrom = null, PeriodUntil = null }, need with { PeriodFrom = new DateOnly(2030, 1, 1) }));
    }

    /// <summary>The rule and the index must agree on every case, boundaries included.</summary>
    private static bool Feasible(Offer offer, Request request)
    {
        var byRules = PairRules.IsFeasible(offer, request, Masks, out _);
        var index = new OfferIndex(Masks);
        index.Add(offer);
        var byIndex = index.FindCandidates(request).Count == 1;
        Assert.Equal(byRules, byIndex);
        return byRules;
    }
}
