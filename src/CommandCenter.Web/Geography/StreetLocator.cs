using System.Globalization;
using CommandCenter.Core.Geography;

namespace CommandCenter.Web.Geography;

/// <summary>A location as a request gives it: coordinates, an address, or both.</summary>
/// <param name="Lat">WGS-84 latitude in decimal degrees, when given.</param>
/// <param name="Long">WGS-84 longitude in decimal degrees, when given.</param>
public sealed record RequestLocation(double? Lat, double? Long, string? Address);

/// <summary>
/// Places a request in a street, the one way Open311 and the ingest API do it: by its coordinates (point-in-polygon
/// over <see cref="DistrictGeography"/>) when it has them, else by its address (<see cref="Gazetteer"/>). Coordinates
/// decide over an address; an explicit street (Open311's <c>attribute[street]</c>) is applied by the caller before this.
/// </summary>
public sealed class StreetLocator(DistrictGeography areas, Gazetteer gazetteer)
{
    public DistrictGeography Areas => areas;

    /// <summary>The street code, or the words saying why the location cannot be placed (outside, not finite, unknown).</summary>
    public Located Locate(RequestLocation location)
    {
        if (location is { Lat: { } lat, Long: { } lon })
            return areas.Locate(lat, lon);
        if (location.Address is { Length: > 0 } address)
            return gazetteer.Resolve(address);
        return new Located(null, "a location is required: lat and long, or address_string");
    }

    /// <summary>
    /// A decimal-degree number as clients write it (invariant culture, no thousands separators); null with a reason
    /// when it is not one: NaN and infinities are refused here, as is anything out of range.
    /// </summary>
    public static (double? Value, string? Problem) ParseDegrees(string name, string text, double limit)
    {
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            return (null, $"{name} '{text}' is not a finite number (decimal degrees)");
        if (Math.Abs(value) > limit)
            return (null, $"{name} '{text}' is out of range (decimal degrees, -{limit} to {limit})");
        return (value, null);
    }
}
