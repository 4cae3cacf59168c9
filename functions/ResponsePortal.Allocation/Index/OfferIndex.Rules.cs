using ResponsePortal.Allocation.Geo;

namespace ResponsePortal.Allocation.Index;

/// <summary>
/// The compiled form of the rules the index stores per offer: label bit sets, radius bands, and the chord bounds that let
/// the single-precision test reject (outer bound) or accept (interior bound) without the haversine.
/// </summary>
public sealed partial class OfferIndex
{
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

    /// <summary>The first band whose reach covers the radius; BandOf and BandReachKm read one table, so they agree exactly.</summary>
    private static int BandOf(double radiusKm)
    {
        var band = 0;
        while (band < BandCount - 1 && radiusKm > BandReachesKm[band])
        {
            band++;
        }

        return band;
    }

    private static double BandReachKm(int band) => BandReachesKm[band];

    private static double[] BuildBandReaches()
    {
        var reaches = new List<double>();
        for (var reach = SmallestBandKm; reach <= 12_800 * (1 + 1e-9); reach *= BandGrowth)
        {
            reaches.Add(reach);
        }

        reaches.Add(double.PositiveInfinity);
        return [.. reaches];
    }

    /// <summary>
    /// Chord length (straight line through the Earth, on the unit sphere) of the radius: chord = 2 sin(d / 2R), and the
    /// haversine term is (chord / 2)^2, so chord and haversine decide alike up to rounding (~1e-15).
    /// </summary>
    private static double ChordOf(double radiusKm)
    {
        var halfAngle = radiusKm / (2 * GreatCircle.EarthRadiusKm);
        return halfAngle >= Math.PI / 2 ? double.PositiveInfinity : 2 * Math.Sin(halfAngle);
    }

    /// <summary>
    /// Squared chord bound for the single-precision reject test, widened so it can only let an offer through: stored and
    /// query coordinates are each within 3e-8 of the exact unit vector and the float arithmetic adds ~2e-7 relative, so
    /// the float chord is within 1.1e-7 + 1.6e-7 x chord of the exact one; the widening is 4e-7 + 1e-6 x chord.
    /// </summary>
    private static float OuterChordSquared(double radiusKm)
    {
        var chord = (ChordOf(radiusKm) * (1 + 1e-6)) + 4e-7;
        var bound = chord * chord;
        var single = (float)bound;
        return single < bound ? MathF.BitIncrement(single) : single;
    }

    /// <summary>
    /// Squared chord below which the float chord proves the offer within its radius (the mirror of the outer bound), or
    /// zero when the radius is too small for that or reaches the smallest value reach: such offers always get the exact
    /// haversine.
    /// </summary>
    private static float InteriorChordSquared(double radiusKm)
    {
        // The search accepts inside this chord without looking at the request's value reach, which is at least
        // 1,000 km (normal urgency); an offer reaching that far gets the exact test.
        if (radiusKm >= PairRules.UrgencyWeight(Urgency.Normal) / PairRules.ValuePerKm * (1 - 1e-6))
        {
            return 0f;
        }

        var chord = (ChordOf(radiusKm) * (1 - 1e-6)) - 4e-7;
        if (chord <= 0 || double.IsInfinity(chord))
        {
            return 0f;
        }

        var bound = chord * chord;
        var single = (float)bound;
        return single > bound ? MathF.BitDecrement(single) : single;
    }

    /// <summary>The point on the unit sphere in 3-D: the chord between two points costs three multiplications, no trigonometry.</summary>
    private readonly record struct UnitVector(double X, double Y, double Z)
    {
        public static UnitVector From(in SphericalPoint point) =>
            new(point.CosLat * Math.Cos(point.LonRad), point.CosLat * Math.Sin(point.LonRad), Math.Sin(point.LatRad));
    }
}
