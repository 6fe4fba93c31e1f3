using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace CommandCenter.Web.Wall;

/// <summary>One street's outline as an SVG path in the map's view box, and where its label goes.</summary>
public sealed record StreetShape(string Code, string Path, double LabelX, double LabelY);

/// <summary>The street map's outlines: the schematic SVG in wwwroot/ by default, or a GeoJSON of real boundaries.</summary>
public sealed record StreetMapShapes(double Width, double Height, FrozenDictionary<string, StreetShape> Streets, string Source)
{
    public const string SchematicPath = "maps/gulou-schematic.svg";

    /// <summary>Room around the outlines for labels of streets at the edge.</summary>
    public const double LabelMargin = 40;

    public string ViewBox => string.Create(CultureInfo.InvariantCulture,
        $"{-LabelMargin:0.#} {-LabelMargin / 2:0.#} {Width + 2 * LabelMargin:0.#} {Height + LabelMargin:0.#}");

    /// <summary><c>Wall:Map:GeoJson</c> when set (a path, relative to the content root), else the schematic.</summary>
    public static StreetMapShapes Load(IConfiguration configuration, string webRoot, string contentRoot)
    {
        if (configuration["Wall:Map:GeoJson"] is { Length: > 0 } geoJson)
        {
            var path = Path.IsPathRooted(geoJson) ? geoJson : Path.Combine(contentRoot, geoJson);
            using var stream = File.OpenRead(path);
            return FromGeoJson(stream, path);
        }
        var schematic = Path.Combine(webRoot, SchematicPath);
        using var svg = File.OpenRead(schematic);
        return FromSvg(svg, schematic);
    }

    /// <summary>Every element with <c>data-street</c>: a polygon's points or a path's d (absolute M/L commands).</summary>
    public static StreetMapShapes FromSvg(Stream svg, string source)
    {
        var doc = XDocument.Load(svg);
        var root = doc.Root ?? throw new InvalidDataException($"{source}: empty SVG");
        var box = ((string?)root.Attribute("viewBox") ?? throw new InvalidDataException($"{source}: the svg needs a viewBox"))
            .Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var shapes = new Dictionary<string, StreetShape>(StringComparer.Ordinal);
        foreach (var element in root.Descendants())
        {
            if ((string?)element.Attribute("data-street") is not { Length: > 0 } code) continue;
            var points = (string?)element.Attribute("points") ?? (string?)element.Attribute("d") ?? "";
            var numbers = points.Split([' ', ',', 'M', 'L', 'Z', 'm', 'l', 'z'], StringSplitOptions.RemoveEmptyEntries)
                .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var ring = Enumerable.Range(0, numbers.Length / 2).Select(i => (numbers[2 * i] - box[0], numbers[2 * i + 1] - box[1])).ToList();
            shapes[code] = Shape(code, [ring]);
        }
        return new StreetMapShapes(box[2], box[3], shapes.ToFrozenDictionary(StringComparer.Ordinal), source);
    }

    /// <summary>
    /// Polygon and MultiPolygon features with <c>properties.code</c> (or <c>street</c>), projected equirectangularly
    /// (longitude scaled by the cosine of the mean latitude) into a 600-wide view box, north up.
    /// </summary>
    public static StreetMapShapes FromGeoJson(Stream json, string source)
    {
        using var doc = JsonDocument.Parse(json);
        var features = new List<(string Code, List<List<(double Lon, double Lat)>> Rings)>();
        foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var props = feature.GetProperty("properties");
            var code = props.TryGetProperty("code", out var c) ? c.GetString() : props.TryGetProperty("street", out var s) ? s.GetString() : null;
            if (code is null) continue;
            var geometry = feature.GetProperty("geometry");
            var coordinates = geometry.GetProperty("coordinates");
            var polygons = geometry.GetProperty("type").GetString() == "MultiPolygon" ? coordinates.EnumerateArray().ToList() : [coordinates];
            // The outer ring of each polygon; holes do not change a street's colour.
            var rings = polygons.Select(p => p[0].EnumerateArray().Select(pt => (pt[0].GetDouble(), pt[1].GetDouble())).ToList()).ToList();
            features.Add((code, rings));
        }
        if (features.Count == 0) throw new InvalidDataException($"{source}: no feature carries properties.code");

        var all = features.SelectMany(f => f.Rings).SelectMany(r => r).ToList();
        double minLon = all.Min(p => p.Lon), maxLon = all.Max(p => p.Lon), minLat = all.Min(p => p.Lat), maxLat = all.Max(p => p.Lat);
        var xScale = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        const double width = 600, margin = 10;
        var scale = (width - 2 * margin) / Math.Max(1e-9, (maxLon - minLon) * xScale);
        var height = (maxLat - minLat) * scale + 2 * margin;
        var shapes = features.ToFrozenDictionary(
            f => f.Code,
            f => Shape(f.Code, [.. f.Rings.Select(r => r.Select(p => (margin + (p.Lon - minLon) * xScale * scale, margin + (maxLat - p.Lat) * scale)).ToList())]),
            StringComparer.Ordinal);
        return new StreetMapShapes(width, Math.Round(height, 1), shapes, source);
    }

    private static StreetShape Shape(string code, List<List<(double X, double Y)>> rings)
    {
        var path = new StringBuilder();
        foreach (var ring in rings)
        {
            for (var i = 0; i < ring.Count; i++)
                path.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "M" : "L")}{ring[i].X:0.#},{ring[i].Y:0.#} ");
            path.Append("Z ");
        }
        // Label at the vertex mean of the largest ring: inside for the convex-ish outlines streets have.
        var main = rings.OrderByDescending(r => r.Count).First();
        return new StreetShape(code, path.ToString().TrimEnd(), Math.Round(main.Average(p => p.X), 1), Math.Round(main.Average(p => p.Y), 1));
    }
}
