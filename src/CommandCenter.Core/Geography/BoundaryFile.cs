using System.Text.Json;
using CommandCenter.Core.Reference;
using NetTopologySuite.Geometries;

namespace CommandCenter.Core.Geography;

/// <summary>A boundary file read: every street's area in WGS-84, or the reason the file is refused.</summary>
/// <param name="Areas">One geometry per street code (Polygon or MultiPolygon, X = longitude, Y = latitude); empty when refused.</param>
/// <param name="Problem">Why the file is refused, in words naming what to fix; null when usable.</param>
/// <param name="Ignored">Features that matched no street (for instance the district's own outline), by their name.</param>
public sealed record BoundaryFileResult(IReadOnlyDictionary<string, Geometry> Areas, string? Problem, IReadOnlyList<string> Ignored, Datum? Datum)
{
    public bool IsUsable => Problem is null;
}

/// <summary>
/// Reads a GeoJSON FeatureCollection of street boundaries as it comes from Chinese map data: each Polygon or
/// MultiPolygon feature names its street by <c>properties.code</c> (ours, <c>ninghailu</c>) or <c>street</c>, by
/// <c>properties.adcode</c> (the division code, 12 digits <c>320106001000</c> or the 9-digit township form
/// <c>320106001</c>, a number or a string, as DataV-style files carry it) or by <c>properties.name</c> (宁海路街道, with
/// or without 街道, or a former name). The file's datum is named by configuration or by a top-level <c>"datum"</c>
/// member (<c>WGS-84</c> or <c>GCJ-02</c>); GCJ-02 is converted to WGS-84 at load (<see cref="Gcj02"/>). The file is
/// refused, with a reason, when it is not GeoJSON, names no datum, has a coordinate that is not a finite longitude and
/// latitude, or does not match all 13 streets (several features of one street are merged).
/// </summary>
public static class BoundaryFile
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static BoundaryFileResult Read(Stream json, Datum? configuredDatum, DistrictModel district)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return Refused($"it is not JSON ({ex.Message})");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                return Refused("it is not a GeoJSON FeatureCollection (no \"features\" array)");
            var fileDatum = root.TryGetProperty("datum", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var datum = configuredDatum ?? Datums.Parse(fileDatum);
            if (datum is null)
                return Refused(fileDatum is null
                    ? "it names no datum: set Wall:Map:Datum to WGS-84 or GCJ-02 (DataV-style files are usually GCJ-02), or give the file a top-level \"datum\""
                    : $"its datum '{fileDatum}' is neither WGS-84 nor GCJ-02");

            var matched = new Dictionary<string, List<Geometry>>(StringComparer.Ordinal);
            var ignored = new List<string>();
            var index = 0;
            foreach (var feature in features.EnumerateArray())
            {
                var label = Label(feature, index++);
                var street = feature.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object ? StreetOf(props, district) : null;
                if (street is null)
                {
                    ignored.Add(label);
                    continue;
                }
                var (geometry, problem) = GeometryOf(feature, datum.Value);
                if (problem is not null)
                    return Refused($"feature {label}: {problem}");
                if (!matched.TryGetValue(street, out var list)) matched[street] = list = [];
                list.Add(geometry!);
            }
            if (matched.Count == 0)
                return Refused($"no feature matches a street of {district.District.Name}: features must carry properties.code (ninghailu), adcode (320106001 or 320106001000) or name (宁海路街道)");
            var missing = district.Streets.Where(s => !matched.ContainsKey(s.Code)).Select(s => s.Name).ToList();
            if (missing.Count > 0)
                return Refused($"it matches {matched.Count} of {district.Streets.Count} streets; missing: {string.Join("、", missing)}");
            var areas = matched.ToDictionary(m => m.Key, m => m.Value.Count == 1 ? m.Value[0] : Factory.BuildGeometry(m.Value).Union(), StringComparer.Ordinal);
            return new BoundaryFileResult(areas, null, ignored, datum);
        }
    }

    /// <summary>The street a feature's properties name: our code, the division code (9 or 12 digits), or the name.</summary>
    public static string? StreetOf(JsonElement props, DistrictModel district)
    {
        foreach (var key in (string[])["code", "street"])
            if (props.TryGetProperty(key, out var c) && c.ValueKind == JsonValueKind.String && district.StreetsByCode.ContainsKey(c.GetString()!))
                return c.GetString();
        if (props.TryGetProperty("adcode", out var ad))
        {
            var adcode = ad.ValueKind == JsonValueKind.Number ? ad.GetRawText() : ad.ValueKind == JsonValueKind.String ? ad.GetString()!.Trim() : "";
            if (adcode.Length == 9) adcode += "000";
            if (district.Streets.FirstOrDefault(s => s.DivisionCode == adcode) is { } byCode) return byCode.Code;
        }
        if (props.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
        {
            var name = Bare(n.GetString()!.Trim());
            if (district.Streets.FirstOrDefault(s => Bare(s.Name) == name || s.FormerNames.Any(f => Bare(f) == name)) is { } byName) return byName.Code;
        }
        return null;
    }

    private static string Bare(string name) => name.EndsWith("街道", StringComparison.Ordinal) && name.Length > 2 ? name[..^2] : name;

    private static string Label(JsonElement feature, int index) =>
        feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
            ? $"#{index} '{n.GetString()}'" : $"#{index}";

    private static (Geometry? Geometry, string? Problem) GeometryOf(JsonElement feature, Datum datum)
    {
        if (!feature.TryGetProperty("geometry", out var g) || g.ValueKind != JsonValueKind.Object
            || !g.TryGetProperty("type", out var t) || !g.TryGetProperty("coordinates", out var coordinates))
            return (null, "it has no geometry");
        try
        {
            return t.GetString() switch
            {
                "Polygon" => (Polygon(coordinates, datum), null),
                "MultiPolygon" => (Factory.CreateMultiPolygon([.. coordinates.EnumerateArray().Select(p => Polygon(p, datum))]), null),
                var other => (null, $"its geometry is a {other}, not a Polygon or MultiPolygon"),
            };
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or ArgumentException or FormatException or IndexOutOfRangeException)
        {
            return (null, ex.Message);
        }
    }

    private static Polygon Polygon(JsonElement rings, Datum datum)
    {
        var linear = rings.EnumerateArray().Select(ring =>
        {
            var points = ring.EnumerateArray().Select(pt => Point(pt, datum)).ToList();
            if (points.Count < 4) throw new InvalidDataException("a ring has fewer than 4 positions");
            if (!points[0].Equals2D(points[^1])) points.Add(points[0].Copy());
            return Factory.CreateLinearRing([.. points]);
        }).ToList();
        if (linear.Count == 0) throw new InvalidDataException("a polygon has no ring");
        var polygon = Factory.CreatePolygon(linear[0], [.. linear.Skip(1)]);
        // Hand-drawn or simplified boundaries self-intersect now and then; a zero buffer repairs the ring.
        return polygon.IsValid ? polygon : polygon.Buffer(0) as Polygon ?? throw new InvalidDataException("a polygon cannot be repaired into one area");
    }

    private static Coordinate Point(JsonElement position, Datum datum)
    {
        if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2)
            throw new InvalidDataException("a position is not [longitude, latitude]");
        var lon = position[0].GetDouble();
        var lat = position[1].GetDouble();
        if (DistrictGeography.CoordinateProblem(lat, lon) is { } problem)
            throw new InvalidDataException($"position [{position[0].GetRawText()}, {position[1].GetRawText()}]: {problem}");
        if (datum == Datum.Gcj02) (lat, lon) = Gcj02.ToWgs84(lat, lon);
        return new Coordinate(lon, lat);
    }

    private static BoundaryFileResult Refused(string problem) => new(new Dictionary<string, Geometry>(), problem, [], null);
}
