using System.Runtime.CompilerServices;
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
public sealed class OfferIndex
{
    /// <summary>Smallest band radius; band k holds radii up to <c>50 * 2^k</c> km.</summary>
    private const double SmallestBandKm = 50.0;

    /// <summary>Bands 0..8 reach 12,800 km; band 9 takes any larger radius.</summary>
    private const int BandCount = 10;

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

    public OfferIndex(SubstituteCatalogue substitutes)
    {
        ArgumentNullException.ThrowIfNull(substitutes);
        _substitutes = substitutes;
    }

    public int Count => _slotById.Count;

    /// <summary>Adds an open offer; an offer with the same id must be removed first.</summary>
    public void Add(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
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
        var hot = new HotFields(offer.AvailableFrom.DayNumber, vector.X, vector.Y, vector.Z, MaxChordSquared(offer.RadiusKm));
        var facts = new OfferFacts(
            slot,
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

        // Cells of half the band's reach: a query scans about 2.5 x 2.5 reaches instead of 3 x 3, for a few more look-ups.
        var band = BandOf(offer.RadiusKm);
        bands[band] ??= new RadiusBandGrid(Math.Min(BandReachKm(band), MaxUsefulDistanceKm) / 2);
        bands[band]!.Add(hot, facts, offer.Lat, offer.Lon);
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
    /// All indexed offers that can serve <paramref name="request"/> under the scenario rules, in slot order: deterministic
    /// for a given sequence of Add/Remove calls. Allocates the result; hot callers use the <see cref="CandidateBuffer"/> overload.
    /// </summary>
    public IReadOnlyList<Candidate> FindCandidates(Request request)
    {
        var buffer = new CandidateBuffer();
        FindCandidates(request, buffer);
        var candidates = new Candidate[buffer.Count];
        for (var i = 0; i < candidates.Length; i++)
        {
            candidates[i] = new Candidate(_offers[buffer.Slots[i]]!, buffer.DistancesKm[i]);
        }

        return candidates;
    }

    /// <summary>
    /// Replaces the content of <paramref name="into"/> with the slots (see <see cref="OfferAt"/>) and distances of all
    /// indexed offers that can serve <paramref name="request"/>, in slot order; returns their number. Reusing one buffer
    /// per thread makes a search allocation-free.
    /// </summary>
    public int FindCandidates(Request request, CandidateBuffer into)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        CollectCandidates(request, into);
        // Slots are unique, so the unstable sort is deterministic; integer keys, no comparison delegate.
        into.SortBySlot();
        return into.Count;
    }

    /// <summary>The offer held in <paramref name="slot"/>, as returned by <see cref="FindCandidates(Request, CandidateBuffer)"/>.</summary>
    public Offer OfferAt(int slot) => _offers[slot] ?? throw new ArgumentOutOfRangeException(nameof(slot), "No offer in this slot.");

    /// <summary>Appends the feasible offers' slots and distances, in no particular order, to <paramref name="sink"/>.</summary>
    private void CollectCandidates(Request request, CandidateBuffer sink)
    {
        var collector = new CandidateCollector(this, request, sink);
        if (collector.Impossible)
        {
            return;
        }

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
                bands[band]?.VisitCellsNear(request.Lat, request.Lon, Math.Min(BandReachKm(band), reachKm), ref collector);
            }
        }
    }

    /// <summary>
    /// One bit per distinct label (certification or skill), assigned on first sight. Beyond 64 labels bits are shared
    /// (id mod 64), so a bit test can still reject but no longer prove, and the exact list comparison decides.
    /// </summary>
    private ulong InternBits(IReadOnlyList<string> labels)
    {
        var bits = 0UL;
        for (var i = 0; i < labels.Count; i++)
        {
            if (!_labelIds.TryGetValue(labels[i], out var id))
            {
                id = _labelIds.Count;
                _labelIds.Add(labels[i], id);
            }

            bits |= 1UL << (id & 63);
        }

        return bits;
    }

    /// <summary>Bits of the labels already known; false when a label was never seen on an offer (no offer can hold it).</summary>
    private bool TryKnownBits(IReadOnlyList<string> labels, bool allRequired, out ulong bits)
    {
        bits = 0UL;
        for (var i = 0; i < labels.Count; i++)
        {
            if (_labelIds.TryGetValue(labels[i], out var id))
            {
                bits |= 1UL << (id & 63);
            }
            else if (allRequired)
            {
                return false;
            }
        }

        return bits != 0 || labels.Count == 0;
    }

    private static int BandOf(double radiusKm)
    {
        var band = 0;
        var reach = SmallestBandKm;
        while (radiusKm > reach && band < BandCount - 1)
        {
            reach *= 2;
            band++;
        }

        return band;
    }

    private static double BandReachKm(int band) =>
        band == BandCount - 1 ? double.PositiveInfinity : SmallestBandKm * Math.Pow(2, band);

    /// <summary>
    /// Squared straight-line (chord) distance on the unit sphere that corresponds to the radius, widened by a relative
    /// 1e-7 so that rounding can only let a pair through to the exact haversine test, never drop it.
    /// </summary>
    private static double MaxChordSquared(double radiusKm)
    {
        var halfAngle = radiusKm / (2 * GreatCircle.EarthRadiusKm);
        if (halfAngle >= Math.PI / 2)
        {
            return double.PositiveInfinity;
        }

        var sinHalf = Math.Sin(halfAngle);
        return (4 * sinHalf * sinHalf * (1 + 1e-7)) + 1e-15;
    }

    /// <summary>The point on the unit sphere in 3-D: the chord between two points costs three multiplications, no trigonometry.</summary>
    private readonly record struct UnitVector(double X, double Y, double Z)
    {
        public static UnitVector From(in SphericalPoint point) =>
            new(point.CosLat * Math.Cos(point.LonRad), point.CosLat * Math.Sin(point.LonRad), Math.Sin(point.LatRad));
    }

    /// <summary>
    /// The feasibility test on the offers of the visited cells, cheapest and most selective first: date, chord distance,
    /// certification, skill and period (bit and integer tests), then the exact haversine against radius and value.
    /// </summary>
    private struct CandidateCollector : ICellVisitor
    {
        private readonly OfferIndex _index;
        private readonly Request _request;
        private readonly CandidateBuffer _sink;
        private readonly SphericalPoint _point;
        private readonly double _x;
        private readonly double _y;
        private readonly double _z;
        private readonly int _neededDay;
        private readonly ulong _requiredCertifications;
        private readonly ulong _wantedSkills;
        private readonly int _periodFromDay;
        private readonly int _periodUntilDay;
        private readonly bool _checkLabelLists;

        public CandidateCollector(OfferIndex index, Request request, CandidateBuffer sink)
        {
            _index = index;
            _request = request;
            _sink = sink;
            _point = SphericalPoint.FromDegrees(request.Lat, request.Lon);
            var vector = UnitVector.From(_point);
            (_x, _y, _z) = (vector.X, vector.Y, vector.Z);
            _neededDay = request.NeededBy.DayNumber;
            _periodFromDay = request.PeriodFrom?.DayNumber ?? DateOnly.MinValue.DayNumber;
            _periodUntilDay = request.PeriodUntil?.DayNumber ?? DateOnly.MaxValue.DayNumber;
            // A label no offer ever had cannot be held: a required certification rules out everything, and so do skills
            // of which none is known.
            Impossible = !index.TryKnownBits(request.RequiredCertifications, allRequired: true, out _requiredCertifications)
                || !index.TryKnownBits(request.Skills, allRequired: false, out _wantedSkills);
            _checkLabelLists = index._labelIds.Count > ExactLabelCount
                && (request.RequiredCertifications.Count > 0 || request.Skills.Count > 0);
        }

        public bool Impossible { get; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Visit(ReadOnlySpan<HotFields> hot, ReadOnlySpan<OfferFacts> facts)
        {
            for (var i = 0; i < hot.Length; i++)
            {
                ref readonly var entry = ref hot[i];
                if (entry.AvailableDay > _neededDay)
                {
                    continue;
                }

                // Cheap reject: beyond the radius's chord the haversine distance is beyond the radius too.
                var dx = entry.X - _x;
                var dy = entry.Y - _y;
                var dz = entry.Z - _z;
                if ((dx * dx) + (dy * dy) + (dz * dz) > entry.MaxChordSquared)
                {
                    continue;
                }

                ref readonly var offer = ref facts[i];
                if ((offer.CertificationBits & _requiredCertifications) != _requiredCertifications
                    || (_wantedSkills != 0 && (offer.SkillBits & _wantedSkills) == 0)
                    || offer.PeriodFromDay > _periodUntilDay
                    || _periodFromDay > offer.PeriodUntilDay)
                {
                    continue;
                }

                var distanceKm = GreatCircle.DistanceKm(new SphericalPoint(offer.LatRad, offer.LonRad, offer.CosLat), _point);
                if (distanceKm > offer.RadiusKm || PairRules.ValuePerUnit(_request.Urgency, distanceKm) <= 0)
                {
                    continue;
                }

                // Only with more than 64 labels, where bits are shared and the bit tests above cannot prove a match.
                if (_checkLabelLists && !PairRules.MeetsListingRules(_index._offers[offer.Slot]!, _request))
                {
                    continue;
                }

                _sink.Add(offer.Slot, distanceKm);
            }
        }
    }
}

/// <summary>
/// Reusable result of <see cref="OfferIndex.FindCandidates(Request, CandidateBuffer)"/>: candidate slots and their
/// distances in two parallel arrays that grow as needed and are never shrunk, so a buffer per thread makes searching
/// allocation-free. Not thread-safe.
/// </summary>
public sealed class CandidateBuffer
{
    private int[] _slots = new int[256];
    private double[] _distancesKm = new double[256];

    public int Count { get; private set; }

    public ReadOnlySpan<int> Slots => _slots.AsSpan(0, Count);

    public ReadOnlySpan<double> DistancesKm => _distancesKm.AsSpan(0, Count);

    internal void Clear() => Count = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(int slot, double distanceKm)
    {
        if (Count == _slots.Length)
        {
            Array.Resize(ref _slots, Count * 2);
            Array.Resize(ref _distancesKm, Count * 2);
        }

        _slots[Count] = slot;
        _distancesKm[Count] = distanceKm;
        Count++;
    }

    internal void SortBySlot() => _slots.AsSpan(0, Count).Sort(_distancesKm.AsSpan(0, Count));
}
