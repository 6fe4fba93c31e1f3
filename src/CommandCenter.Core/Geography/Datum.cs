namespace CommandCenter.Core.Geography;

/// <summary>
/// The geodetic datum a set of coordinates is written in. The command center keeps WGS-84 (what GPS devices and
/// Open311 clients send); Chinese map data is often GCJ-02 (国测局坐标, the datum Chinese web maps publish), converted
/// at load with <see cref="Gcj02"/>.
/// </summary>
public enum Datum
{
    Wgs84,
    Gcj02,
}

public static class Datums
{
    /// <summary>The names configuration and files use: <c>WGS-84</c> and <c>GCJ-02</c> (case and hyphen optional).</summary>
    public static Datum? Parse(string? text) =>
        text?.Trim().Replace("-", "", StringComparison.Ordinal).ToUpperInvariant() switch
        {
            "WGS84" or "EPSG:4326" => Datum.Wgs84,
            "GCJ02" => Datum.Gcj02,
            _ => null,
        };

    public static string Name(Datum datum) => datum == Datum.Gcj02 ? "GCJ-02" : "WGS-84";
}
