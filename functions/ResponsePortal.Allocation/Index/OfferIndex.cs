using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ResponsePortal.Allocation.Geo;

namespace ResponsePortal.Allocation.Index;

/// <summary>An offer that can serve a request, with the distance the feasibility test measured.</summary>
public readonly record struct Candidate(Offer Offer, double DistanceKm);

/// <summary>
/// Open offers indexed by category and by space, so the candidates for one request are found without scanning all offers.
/// Offers are kept per category in grids, one per radius band (radius up to 50 km, 100 km, 200 km, ... doubling), each
/// with cells half as large as the band's radius: a request looks only at the cells around it in each band of each
/// category that may serve it. Add and Remove are cheap, so the portal's matcher can keep one index up to date on every
/// change.
/// </summary>
/// <remarks>
/// Reads (FindCandidates) may run concurrently; writes need exclusive access. The rules of <see cref="PairRules"/> are
/// applied in a compiled form (day numbers, unit vectors, certification and skill bit sets) so that the tests on an offer
/// read a few contiguous arrays instead of chasing the offer's objects; the property tests check the result against
/// <see cref="PairRules.IsFeasible"/> on every offer.
/// </remarks>
public sealed partial class OfferIndex
{
    /// <summary>Smallest band radius; band k holds radii up to <c>50 * BandGrowth^k</c> km.</summary>
    private const double SmallestBandKm = 50.0;

    /// <summary>
    /// Ratio of neighbouring band radii. A band is searched at its largest radius, so finer bands read fewer offers but
    /// add runs: at 100,000 per side sqrt 2 read 12 % fewer entries in 84 % more runs and was slower (search-profile).
    /// </summary>
    private const double BandGrowth = 2.0;

    /// <summary>The bands' radii up to 12,800 km; the last band takes any larger radius.</summary>
    private static readonly double[] BandReachesKm = BuildBandReaches();

    private static readonly int BandCount = BandReachesKm.Length;

    /// <summary>Label bits are exact while the index has seen at most this many distinct labels, a filter beyond.</summary>
    private const int ExactLabelCount = 64;

    /// <summary>No pair is feasible beyond this: value = 4 - 0.001 d must stay positive even for a critical request.</summary>
    private static readonly double MaxUsefulDistanceKm = PairRules.UrgencyWeight(Urgency.Critical) / PairRules.ValuePerKm;

    private readonly SubstituteCatalogue _substitutes;
    private readonly Dictionary<string, RadiusBandGrid?[]> _gridsByCategory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _slotById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _labelIds = new(StringComparer.Ordinal);
    private readonly Stack<int> _freeSlots = new();
    private Offer?[] _offers = [];
    private int _slotCount;

    private readonly bool _vectorised;

    public OfferIndex(SubstituteCatalogue substitutes)
        : this(substitutes, Vector256.IsHardwareAccelerated)
    {
    }

    /// <summary>With <paramref name="vectorised"/> false the cheap test runs entry by entry, as on hardware without
    /// 256-bit vectors; the tests compare both forms.</summary>
    internal OfferIndex(SubstituteCatalogue substitutes, bool vectorised)
    {
        ArgumentNullException.ThrowIfNull(substitutes);
        _substitutes = substitutes;
        _vectorised = vectorised;
    }

    public int Count => _slotById.Count;

    /// <summary>Adds an open offer; an offer with the same id must be removed first.</summary>
    public void Add(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        // Grid rows are searched by longitude within [-180, 180]; anything outside would silently never be found.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Math.Abs(offer.Lat), 90.0, nameof(offer));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Math.Abs(offer.Lon), 180.0, nameof(offer));
        if (_slotById.ContainsKey(offer.Id))
        {
            throw new ArgumentException($"Offer '{offer.Id}' is already indexed.", nameof(offer));
        }

        var slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _slotCount++;
        if (slot >= _offers.Length)
        {
            Array.Resize(ref _offers, Math.Max(16, _offers.Length * 2));
        }

        _offers[slot] = offer;
        _slotById.Add(offer.Id, slot);

        var point = SphericalPoint.FromDegrees(offer.Lat, offer.Lon);
        var vector = UnitVector.From(point);
        var hot = new HotFields(offer.AvailableFrom.DayNumber, (float)vector.X, (float)vector.Y, (float)vector.Z, OuterChordSquared(offer.RadiusKm));
        var facts = new OfferFacts(
            slot,
            InteriorChordSquared(offer.RadiusKm),
            point.LatRad,
            point.LonRad,
            point.CosLat,
            offer.RadiusKm,
            InternBits(offer.Certifications),
            InternBits(offer.Skills),
            offer.PeriodFrom?.DayNumber ?? DateOnly.MinValue.DayNumber,
            offer.PeriodUntil?.DayNumber ?? DateOnly.MaxValue.DayNumber);

        if (!_gridsByCategory.TryGetValue(offer.Category, out var bands))
        {
            bands = new RadiusBandGrid?[BandCount];
            _gridsByCategory.Add(offer.Category, bands);
        }

        var band = BandOf(offer.RadiusKm);
        bands[band] ??= new RadiusBandGrid(Math.Min(BandReachKm(band), MaxUsefulDistanceKm));
        bands[band]!.Add(hot, facts, offer.Lat);
    }

    /// <summary>
    /// Folds every offer added or removed since the last rebuild into the packed arrays, so searches read each strip as
    /// one run. For after a bulk load (the engine adds all offers, then searches); incremental use needs no call, as
    /// the overlay is folded in whenever it reaches an eighth of a grid.
    /// </summary>
    public void Pack()
    {
        foreach (var bands in _gridsByCategory.Values)
        {
            foreach (var grid in bands)
            {
                grid?.Pack();
            }
        }
    }

    /// <summary>Removes an offer (taken, withdrawn, expired); false when it was not indexed.</summary>
    public bool Remove(string offerId)
    {
        ArgumentNullException.ThrowIfNull(offerId);
        if (!_slotById.Remove(offerId, out var slot))
        {
            return false;
        }

        var offer = _offers[slot]!;
        _gridsByCategory[offer.Category][BandOf(offer.RadiusKm)]!.Remove(slot, offer.Lat, offer.Lon);
        _offers[slot] = null;
        _freeSlots.Push(slot);
        return true;
    }

    /// <summary>
    /// All indexed offers that can serve <paramref name="request"/> under the scenario rules, in slot order. Allocates the
    /// result; hot callers use the <see cref="CandidateBuffer"/> overload.
    /// </summary>
    public IReadOnlyList<Candidate> FindCandidates(Request request)
    {
        var buffer = new CandidateBuffer();
        FindCandidates(request, buffer);
        buffer.SortBySlot();
        var candidates = new Candidate[buffer.Count];
        for (var i = 0; i < candidates.Length; i++)
        {
            candidates[i] = new Candidate(_offers[buffer.Slots[i]]!, buffer.DistancesKm[i]);
        }

        return candidates;
    }

    /// <summary>
    /// Replaces the content of <paramref name="into"/> with the slots (see <see cref="OfferAt"/>) and distances of all
    /// indexed offers that can serve <paramref name="request"/>; returns their number. The order is the index's own
    /// (category, band, latitude strip, longitude bucket, slot): deterministic for a given sequence of Add/Remove calls,
    /// without the cost of a sort (<see cref="CandidateBuffer.SortBySlot"/> when slot order is needed). Reusing one
    /// buffer per thread makes a search allocation-free.
    /// </summary>
    public int FindCandidates(Request request, CandidateBuffer into) => Find(request, into, withDistances: true);

    /// <summary>
    /// Like <see cref="FindCandidates(Request, CandidateBuffer)"/> but fills only the slots, for callers that need to
    /// know which offers qualify and not yet how far they are (the engine's component pass, notifications). An offer whose
    /// chord lies clearly inside its radius (and whose radius is clearly below the request's value reach) is accepted
    /// without the haversine; only offers near the boundary get the exact test, so the set is the same.
    /// </summary>
    public int FindCandidateSlots(Request request, CandidateBuffer into) => Find(request, into, withDistances: false);

    /// <summary>The offer held in <paramref name="slot"/>, as returned by <see cref="FindCandidates(Request, CandidateBuffer)"/>.</summary>
    public Offer OfferAt(int slot) => _offers[slot] ?? throw new ArgumentOutOfRangeException(nameof(slot), "No offer in this slot.");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Find(Request request, CandidateBuffer into, bool withDistances)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(into);
        into.Clear(withDistances);
        CollectCandidates(request, into, withDistances);
        return into.Count;
    }

    /// <summary>Appends the feasible offers' slots (and distances), in no particular order, to <paramref name="sink"/>.</summary>
    /// <remarks>
    /// The query path is compiled fully optimised at first call (AggressiveOptimization): the `allocate` process lives
    /// seconds, and under load the tier-1 recompilation arrives late (measured: 2x slower searches at 20,000 per side).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CollectCandidates(Request request, CandidateBuffer sink, bool withDistances)
    {
        var collector = new CandidateCollector(this, request, sink, withDistances);
        if (collector.Impossible)
        {
            return;
        }

        VisitRuns(request, ref collector);
        collector.Finish();
    }

    /// <summary>
    /// Calls <paramref name="visitor"/> for every run of entries the search reads for <paramref name="request"/>: the
    /// search's own enumeration, also used by the benchmark's work profile.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void VisitRuns<TVisitor>(Request request, ref TVisitor visitor)
        where TVisitor : struct, ICellVisitor
    {
        var reachKm = PairRules.UrgencyWeight(request.Urgency) / PairRules.ValuePerKm;
        foreach (var category in _substitutes.OfferCategoriesServing(request.Category))
        {
            if (!_gridsByCategory.TryGetValue(category, out var bands))
            {
                continue;
            }

            for (var band = 0; band < BandCount; band++)
            {
                // Offers in this band reach at most the band radius, and beyond reachKm the value is no longer positive.
                bands[band]?.VisitCellsNear(request.Lat, request.Lon, Math.Min(BandReachKm(band), reachKm), ref visitor);
            }
        }
    }
}
