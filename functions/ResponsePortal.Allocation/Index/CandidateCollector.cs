using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ResponsePortal.Allocation.Geo;

namespace ResponsePortal.Allocation.Index;

public sealed partial class OfferIndex
{
    /// <summary>
    /// The feasibility test on the offers of the visited cells, cheapest and most selective first: date and chord
    /// distance (eight entries at a time), certification, skill and period (bit and integer tests), then the exact
    /// haversine against radius and value.
    /// </summary>
    private struct CandidateCollector : ICellVisitor
    {
        private readonly OfferIndex _index;
        private readonly Request _request;
        private readonly CandidateBuffer _sink;
        private readonly SphericalPoint _point;
        private readonly float _x;
        private readonly float _y;
        private readonly float _z;
        private readonly int _neededDay;
        private readonly ulong _requiredCertifications;
        private readonly ulong _wantedSkills;
        private readonly int _periodFromDay;
        private readonly int _periodUntilDay;
        private readonly bool _checkLabelLists;
        private readonly bool _withDistances;
        private readonly bool _vectorised;
        private readonly double _interiorRadiusKm;

        public CandidateCollector(OfferIndex index, Request request, CandidateBuffer sink, bool withDistances)
        {
            _withDistances = withDistances;
            _vectorised = index._vectorised;
            // Offers with a radius below this have a positive value anywhere inside their radius.
            _interiorRadiusKm = PairRules.UrgencyWeight(request.Urgency) / PairRules.ValuePerKm * (1 - 1e-6);
            _index = index;
            _request = request;
            _sink = sink;
            _point = SphericalPoint.FromDegrees(request.Lat, request.Lon);
            var vector = UnitVector.From(_point);
            (_x, _y, _z) = ((float)vector.X, (float)vector.Y, (float)vector.Z);
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
        public readonly void Visit(HotColumns hot, int start, int count, ReadOnlySpan<OfferFacts> facts)
        {
            if (_vectorised)
            {
                VisitVectorised(hot, start, count, facts);
                return;
            }

            for (var i = 0; i < count; i++)
            {
                // Cheap reject: too late, or beyond the radius's chord (then the haversine distance is beyond the radius
                // too). Both tests are evaluated without short-circuit: one well-predicted branch instead of two.
                var at = start + i;
                var dx = hot.X[at] - _x;
                var dy = hot.Y[at] - _y;
                var dz = hot.Z[at] - _z;
                var chord = (dx * dx) + (dy * dy) + (dz * dz);
                if ((hot.AvailableDay[at] <= _neededDay) & (chord <= hot.MaxChordSquared[at]))
                {
                    Accept(facts[i], chord);
                }
            }
        }

        /// <summary>
        /// The cheap test on eight entries per step (the same float operations as the scalar loop, lane by lane), then the
        /// remaining tests only for the lanes that passed. A run averages ~20 entries, so its last, partial vector is
        /// read whole (the columns are padded, see <see cref="HotColumns"/>) and its lanes past the run masked off.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private readonly void VisitVectorised(HotColumns hot, int start, int count, ReadOnlySpan<OfferFacts> facts)
        {
            // Every load below starts at start + block < start + count <= capacity and ends within the padding.
            if ((uint)start + (uint)count > (uint)hot.Capacity)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            ref var xs = ref MemoryMarshal.GetArrayDataReference(hot.X);
            ref var ys = ref MemoryMarshal.GetArrayDataReference(hot.Y);
            ref var zs = ref MemoryMarshal.GetArrayDataReference(hot.Z);
            ref var bounds = ref MemoryMarshal.GetArrayDataReference(hot.MaxChordSquared);
            ref var days = ref MemoryMarshal.GetArrayDataReference(hot.AvailableDay);
            var x = Vector256.Create(_x);
            var y = Vector256.Create(_y);
            var z = Vector256.Create(_z);
            var neededDay = Vector256.Create(_neededDay);
            for (var block = 0; block < count; block += Vector256<float>.Count)
            {
                var at = (nuint)(uint)(start + block);
                var dx = Vector256.LoadUnsafe(ref xs, at) - x;
                var dy = Vector256.LoadUnsafe(ref ys, at) - y;
                var dz = Vector256.LoadUnsafe(ref zs, at) - z;
                var chord = (dx * dx) + (dy * dy) + (dz * dz);
                var passed = Vector256.LessThanOrEqual(chord, Vector256.LoadUnsafe(ref bounds, at)).AsInt32()
                    & Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref days, at), neededDay);
                var lanes = passed.ExtractMostSignificantBits();
                var left = count - block;
                if (left < Vector256<float>.Count)
                {
                    lanes &= (1u << left) - 1;
                }

                while (lanes != 0)
                {
                    var lane = BitOperations.TrailingZeroCount(lanes);
                    lanes &= lanes - 1;
                    Accept(facts[block + lane], chord.GetElement(lane));
                }
            }
        }

        /// <summary>The tests after date and chord, for an offer that passed them at squared chord <paramref name="chord"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private readonly void Accept(in OfferFacts offer, float chord)
        {
            if ((offer.CertificationBits & _requiredCertifications) != _requiredCertifications
                || (_wantedSkills != 0 && (offer.SkillBits & _wantedSkills) == 0)
                || offer.PeriodFromDay > _periodUntilDay
                || _periodFromDay > offer.PeriodUntilDay)
            {
                return;
            }

            // Inside the interior chord the exact haversine is certainly within the radius (see InteriorChordSquared).
            if (!_withDistances && chord < offer.InteriorChordSquared && offer.RadiusKm < _interiorRadiusKm
                && !_checkLabelLists)
            {
                _sink.AddSlot(offer.Slot);
                return;
            }

            var distanceKm = GreatCircle.DistanceKm(new SphericalPoint(offer.LatRad, offer.LonRad, offer.CosLat), _point);
            if (distanceKm > offer.RadiusKm || PairRules.ValuePerUnit(_request.Urgency, distanceKm) <= 0)
            {
                return;
            }

            // Only with more than 64 labels, where bits are shared and the bit tests above cannot prove a match.
            if (_checkLabelLists && !PairRules.MeetsListingRules(_index._offers[offer.Slot]!, _request))
            {
                return;
            }

            if (_withDistances)
            {
                _sink.Add(offer.Slot, distanceKm);
            }
            else
            {
                _sink.AddSlot(offer.Slot);
            }
        }
    }
}
