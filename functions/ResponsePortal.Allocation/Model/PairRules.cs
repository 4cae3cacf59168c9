using ResponsePortal.Allocation.Geo;

namespace ResponsePortal.Allocation;

/// <summary>
/// The feasibility rules of the scenario format for one (offer, request) pair, and the value of a unit delivered.
/// The candidate index applies the same rules with precomputed coordinates; this class is the reference both share.
/// </summary>
public static class PairRules
{
    /// <summary>Cost of one kilometre in value units, from the shared objective.</summary>
    public const double ValuePerKm = 0.001;

    public static double UrgencyWeight(Urgency urgency) => urgency switch
    {
        Urgency.Critical => 4.0,
        Urgency.High => 2.0,
        _ => 1.0,
    };

    /// <summary>Value of one unit delivered over <paramref name="distanceKm"/> to a request of <paramref name="urgency"/>.</summary>
    public static double ValuePerUnit(Urgency urgency, double distanceKm) => UrgencyWeight(urgency) - (ValuePerKm * distanceKm);

    /// <summary>
    /// Full check of a pair (category, date, distance, certifications, personnel rules, positive value).
    /// Returns the distance when feasible.
    /// </summary>
    public static bool IsFeasible(Offer offer, Request request, SubstituteCatalogue substitutes, out double distanceKm)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(substitutes);
        distanceKm = GreatCircle.DistanceKm(offer.Lat, offer.Lon, request.Lat, request.Lon);
        return substitutes.CanServe(offer.Category, request.Category)
            && offer.AvailableFrom <= request.NeededBy
            && distanceKm <= offer.RadiusKm
            && ValuePerUnit(request.Urgency, distanceKm) > 0
            && MeetsListingRules(offer, request);
    }

    /// <summary>The rules that need neither geometry nor category: certifications, skills and period overlap.</summary>
    public static bool MeetsListingRules(Offer offer, Request request)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(request);
        return HoldsAll(offer.Certifications, request.RequiredCertifications)
            && SharesSkill(offer.Skills, request.Skills)
            && PeriodsOverlap(offer, request);
    }

    /// <summary>Every required certification must be held by the offer.</summary>
    public static bool HoldsAll(IReadOnlyList<string> held, IReadOnlyList<string> required)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(required);
        for (var i = 0; i < required.Count; i++)
        {
            if (!Contains(held, required[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A request naming skills needs an offer with at least one of them; a request naming none accepts any offer.</summary>
    public static bool SharesSkill(IReadOnlyList<string> offered, IReadOnlyList<string> requested)
    {
        ArgumentNullException.ThrowIfNull(offered);
        ArgumentNullException.ThrowIfNull(requested);
        if (requested.Count == 0)
        {
            return true;
        }

        for (var i = 0; i < requested.Count; i++)
        {
            if (Contains(offered, requested[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Closed intervals [from, until] must intersect; a missing bound is open-ended, so a side without any period
    /// overlaps everything and the rule only bites when both sides state a period.
    /// </summary>
    public static bool PeriodsOverlap(Offer offer, Request request)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(request);
        var offerFrom = offer.PeriodFrom ?? DateOnly.MinValue;
        var offerUntil = offer.PeriodUntil ?? DateOnly.MaxValue;
        var requestFrom = request.PeriodFrom ?? DateOnly.MinValue;
        var requestUntil = request.PeriodUntil ?? DateOnly.MaxValue;
        return offerFrom <= requestUntil && requestFrom <= offerUntil;
    }

    private static bool Contains(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (string.Equals(labels[i], label, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
