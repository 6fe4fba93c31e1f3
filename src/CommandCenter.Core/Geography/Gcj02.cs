namespace CommandCenter.Core.Geography;

/// <summary>
/// Conversion between WGS-84 and GCJ-02, the datum of Chinese web maps (GB 20263-2006's "encrypted" coordinates).
/// The forward formula (WGS-84 → GCJ-02) is the one published since 2008 by people who measured the offset, spread in
/// many open implementations (for instance the <c>eviltransform</c> and <c>coordtransform</c> libraries) and described
/// by the Wikipedia article "Restrictions on geographic data in China": the offset is two polynomial-and-sine
/// functions of the position relative to (105° E, 35° N), scaled on the Krasovsky 1940 ellipsoid (a = 6 378 245 m,
/// e² = 0.00669342162296594323). No official inverse exists; <see cref="ToWgs84"/> inverts the forward formula by
/// fixed-point iteration to within 1e-9° (about 0.1 mm). Outside mainland China (a rough box, as the formula's
/// authors define it) GCJ-02 equals WGS-84 and nothing is changed. Accuracy of the published formula itself is about
/// 1–2 m against the official transform. Why this is written here rather than taken from a package:
/// docs/decisions/0016-gcj02-conversion-by-hand.md.
/// </summary>
public static class Gcj02
{
    private const double A = 6378245.0;
    private const double Ee = 0.00669342162296594323;

    /// <summary>Whether the formula applies: mainland China's rough bounding box (72.004–137.8347° E, 0.8293–55.8271° N).</summary>
    public static bool AppliesAt(double lat, double lon) => lon is >= 72.004 and <= 137.8347 && lat is >= 0.8293 and <= 55.8271;

    /// <summary>WGS-84 decimal degrees → GCJ-02 decimal degrees.</summary>
    public static (double Lat, double Lon) FromWgs84(double lat, double lon)
    {
        if (!AppliesAt(lat, lon)) return (lat, lon);
        var (dLat, dLon) = Offset(lat, lon);
        return (lat + dLat, lon + dLon);
    }

    /// <summary>GCJ-02 decimal degrees → WGS-84 decimal degrees (iterative inverse of <see cref="FromWgs84"/>).</summary>
    public static (double Lat, double Lon) ToWgs84(double lat, double lon)
    {
        if (!AppliesAt(lat, lon)) return (lat, lon);
        double wLat = lat, wLon = lon;
        for (var i = 0; i < 30; i++)
        {
            var (gLat, gLon) = FromWgs84(wLat, wLon);
            double eLat = gLat - lat, eLon = gLon - lon;
            wLat -= eLat;
            wLon -= eLon;
            if (Math.Abs(eLat) < 1e-10 && Math.Abs(eLon) < 1e-10) break;
        }
        return (wLat, wLon);
    }

    private static (double DLat, double DLon) Offset(double lat, double lon)
    {
        double x = lon - 105.0, y = lat - 35.0;
        var dLat = TransformLat(x, y);
        var dLon = TransformLon(x, y);
        var radLat = lat / 180.0 * Math.PI;
        var magic = Math.Sin(radLat);
        magic = 1 - Ee * magic * magic;
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (A * (1 - Ee) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (A / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLat, dLon);
    }

    private static double TransformLat(double x, double y)
    {
        var r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x));
        r += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return r;
    }

    private static double TransformLon(double x, double y)
    {
        var r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x));
        r += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return r;
    }
}
