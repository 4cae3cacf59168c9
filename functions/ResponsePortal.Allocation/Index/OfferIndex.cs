using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ResponsePortal.Allocation.Geo;

namespace ResponsePortal.Allocation.Index;

/// <summary>An offer that can serve a request, with the distance the feasibility test measured.</summary>
public readonly record struct Candidate(Offer Offer, double DistanceKm);

/// <summary>Slot of a candidate offer inside the index, for the batch engine that works on dense arrays.</summary>
internal readonly record struct CandidateSlot(int Slot, double DistanceKm);

/// <summary>
/// Open offers indexed by category and by space, so the candidates for one request are found without scanning all offers.
/// Offers are kept per category in grids, one per radius band (radius up to 50 km, 100 km, 200 km, ... doubling), each
/// with cells as large as the band's radius: a request looks only at the cells around it in each band of each category
/// that may serve it. Add and Remove are cheap, so the portal's matcher can keep one index up to date on every change.
/// </summary>
/// <remarks>Reads (FindCandidates) may run concurrently; writes need exclusive access.</remarks>
public sealed class OfferIndex
{
    /// <summary>Smallest band radius; band k holds radii up to <c>50 * 2^k</c> km.</summary>
    private const double SmallestBandKm = 50.0;

    /// <summary>Bands 0..8 reach 12,800 km; band 9 takes any larger radius.</summary>
    private const int BandCount = 10;

    /// <summary>No pair is feasible beyond this: value = 4 - 0.001 d must stay positive even for a critical request.</summary>
    private static readonly double MaxUsefulDistanceKm = PairRules.UrgencyWeight(Urgency.Critical) / PairRules.ValuePerKm;

    private readonly SubstituteCatalogue _substitutes;
    private readonly Dictionary<string, RadiusBandGrid?[]> _gridsByCategory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _slotById = new(StringComparer.Ordinal);
    private readonly Stack<int> _freeSlots = new();
    private OfferEntry[] _entries = [];
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
        if (slot >= _entries.Length)
        {
            Array.Resize(ref _entries, Math.Max(16, _entries.Length * 2));
        }

        var band = BandOf(offer.RadiusKm);
        var point = SphericalPoint.FromDegrees(offer.Lat, offer.Lon);
        _entries[slot] = new OfferEntry(offer, point, band);
        var vector = UnitVector.From(point);
        var cellEntry = new CellEntry(slot, vector.X, vector.Y, vector.Z, MaxChordSquared(offer.RadiusKm), offer.AvailableFrom.DayNumber);
        _slotById.Add(offer.Id, slot);

        if (!_gridsByCategory.TryGetValue(offer.Category, out var bands))
        {
            bands = new RadiusBandGrid?[BandCount];
            _gridsByCategory.Add(offer.Category, bands);
        }

        // Cells of half the band's reach: a query scans about 2.5 x 2.5 reaches instead of 3 x 3, for a few more look-ups.
        bands[band] ??= new RadiusBandGrid(Math.Min(BandReachKm(band), MaxUsefulDistanceKm) / 2);
        bands[band]!.Add(cellEntry, offer.Lat, offer.Lon);
    }

    /// <summary>Removes an offer (taken, withdrawn, expired); false when it was not indexed.</summary>
    public bool Remove(string offerId)
    {
        ArgumentNullException.ThrowIfNull(offerId);
        if (!_slotById.Remove(offerId, out var slot))
        {
            return false;
        }

        var entry = _entries[slot];
        _gridsByCategory[entry.Offer.Category][entry.Band]!.Remove(slot, entry.Offer.Lat, entry.Offer.Lon);
        _entries[slot] = default;
        _freeSlots.Push(slot);
        return true;
    }

    /// <summary>
    /// All indexed offers that can serve <paramref name="request"/> under the scenario rules, in slot order: deterministic
    /// for a given sequence of Add/Remove calls, and an integer sort instead of string comparisons on the hot path.
    /// </summary>
    public IReadOnlyList<Candidate> FindCandidates(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var slots = new List<CandidateSlot>();
        CollectCandidates(request, slots);
        slots.Sort(static (a, b) => a.Slot.CompareTo(b.Slot));
        var candidates = new Candidate[slots.Count];
        for (var i = 0; i < slots.Count; i++)
        {
            candidates[i] = new Candidate(_entries[slots[i].Slot].Offer, slots[i].DistanceKm);
        }

        return candidates;
    }

    internal Offer OfferAt(int slot) => _entries[slot].Offer;

    /// <summary>Appends the feasible offers' slots, in no particular order, to <paramref name="sink"/>.</summary>
    internal void CollectCandidates(Request request, List<CandidateSlot> sink)
    {
        var collector = new CandidateCollector(_entries, request, sink);
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

    private readonly record struct OfferEntry(Offer Offer, SphericalPoint Point, int Band);

    /// <summary>The point on the unit sphere in 3-D: the chord between two points costs three multiplications, no trigonometry.</summary>
    private readonly record struct UnitVector(double X, double Y, double Z)
    {
        public static UnitVector From(in SphericalPoint point) =>
            new(point.CosLat * Math.Cos(point.LonRad), point.CosLat * Math.Sin(point.LonRad), Math.Sin(point.LatRad));
    }

    /// <summary>The exact feasibility test on the offers of the visited cells.</summary>
    private struct CandidateCollector(OfferEntry[] entries, Request request, List<CandidateSlot> sink) : ICellVisitor
    {
        private readonly SphericalPoint _point = SphericalPoint.FromDegrees(request.Lat, request.Lon);
        private readonly UnitVector _vector = UnitVector.From(SphericalPoint.FromDegrees(request.Lat, request.Lon));
        private readonly int _neededDay = request.NeededBy.DayNumber;
        private readonly bool _hasListingRules =
            request.RequiredCertifications.Count > 0 || request.Skills.Count > 0 || request.PeriodFrom is not null || request.PeriodUntil is not null;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Visit(ReadOnlySpan<CellEntry> cellEntries)
        {
            foreach (ref readonly var cellEntry in cellEntries)
            {
                if (cellEntry.AvailableDay > _neededDay)
                {
                    continue;
                }

                // Cheap reject first: beyond the radius's chord the haversine distance is beyond the radius too.
                var dx = cellEntry.X - _vector.X;
                var dy = cellEntry.Y - _vector.Y;
                var dz = cellEntry.Z - _vector.Z;
                if ((dx * dx) + (dy * dy) + (dz * dz) > cellEntry.MaxChordSquared)
                {
                    continue;
                }

                var slot = cellEntry.Slot;
                ref readonly var entry = ref entries[slot];
                var offer = entry.Offer;
                var distanceKm = GreatCircle.DistanceKm(entry.Point, _point);
                if (distanceKm > offer.RadiusKm || PairRules.ValuePerUnit(request.Urgency, distanceKm) <= 0)
                {
                    continue;
                }

                // A request without certifications, skills or period accepts every offer on these rules.
                if (_hasListingRules && !PairRules.MeetsListingRules(offer, request))
                {
                    continue;
                }

                sink.Add(new CandidateSlot(slot, distanceKm));
            }
        }
    }
}
