namespace ResponsePortal.Allocation;

/// <summary>Quantity of one offer given to one request, with the reasons the authorities see.</summary>
public sealed record Allocation(string OfferId, string RequestId, long Quantity, MatchExplanation Explanation);

/// <summary>Why a match was made and what it is worth.</summary>
/// <param name="DistanceKm">Great-circle distance between offer and request.</param>
/// <param name="Urgency">Urgency of the request, which sets the weight of every unit.</param>
/// <param name="CertificationsSatisfied">The request's required certifications, all held by the offer.</param>
/// <param name="SubstituteUsed">True when the offer's category is an allowed substitute rather than the requested one.</param>
/// <param name="OfferCategory">Category of the offer (differs from the request's when a substitute is used).</param>
/// <param name="ShareOfRequest">Fraction of the request's quantity this match fills.</param>
/// <param name="ValuePerUnit">Urgency weight minus 0.001 per km: what one unit of this match adds to the objective.</param>
/// <param name="SkillsMatched">For personnel: the requested skills the offered staff has.</param>
public sealed record MatchExplanation(
    double DistanceKm,
    Urgency Urgency,
    IReadOnlyList<string> CertificationsSatisfied,
    bool SubstituteUsed,
    string OfferCategory,
    double ShareOfRequest,
    double ValuePerUnit,
    IReadOnlyList<string> SkillsMatched);

/// <summary>The allocation of a scenario, sorted by offer id then request id (ordinal), and its objective.</summary>
/// <param name="Objective">Sum of quantity x value per unit, computed in doubles over the sorted allocations.</param>
/// <param name="Statistics">Sizes of the work done, for benchmarks and logs.</param>
public sealed record AllocationResult(IReadOnlyList<Allocation> Allocations, double Objective, AllocationStatistics Statistics);

/// <summary>How big the problem was once candidate pairs were found and split into independent components.</summary>
public sealed record AllocationStatistics(int FeasiblePairs, int Components, int LargestComponentPairs)
{
    public TimeSpan CandidateSearch { get; init; }

    public TimeSpan Solve { get; init; }
}
