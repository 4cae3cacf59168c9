namespace ResponsePortal.Allocation.Geo;

/// <summary>Great-circle distance by the haversine formula on a sphere of radius 6371.0 km, as the scenario format fixes it.</summary>
public static class GreatCircle
{
    public const double EarthRadiusKm = 6371.0;

    /// <summary>Kilometres per degree of latitude (and of longitude on the equator).</summary>
    public const double KmPerDegree = EarthRadiusKm * Math.PI / 180.0;

    private const double RadiansPerDegree = Math.PI / 180.0;

    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        var a = SphericalPoint.FromDegrees(lat1, lon1);
        var b = SphericalPoint.FromDegrees(lat2, lon2);
        return DistanceKm(a, b);
    }

    /// <summary>
    /// The one implementation every caller goes through (index, brute force, tests, benchmark export), so that a pair on the
    /// radius boundary is judged identically everywhere.
    /// </summary>
    public static double DistanceKm(in SphericalPoint a, in SphericalPoint b)
    {
        var sinHalfDLat = Math.Sin((b.LatRad - a.LatRad) * 0.5);
        var sinHalfDLon = Math.Sin((b.LonRad - a.LonRad) * 0.5);
        var h = (sinHalfDLat * sinHalfDLat) + (a.CosLat * b.CosLat * sinHalfDLon * sinHalfDLon);
        return 2.0 * EarthRadiusKm * Math.Asin(Math.Sqrt(Math.Min(1.0, h)));
    }

    internal static double ToRadians(double degrees) => degrees * RadiansPerDegree;

    internal static double ToDegrees(double radians) => radians / RadiansPerDegree;
}

/// <summary>A point with its radians and cosine of latitude precomputed, because the distance test runs millions of times.</summary>
public readonly record struct SphericalPoint(double LatRad, double LonRad, double CosLat)
{
    public static SphericalPoint FromDegrees(double lat, double lon)
    {
        var latRad = GreatCircle.ToRadians(lat);
        return new SphericalPoint(latRad, GreatCircle.ToRadians(lon), Math.Cos(latRad));
    }
}
