using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using NetTopologySuite.Geometries;

namespace CommandCenter.Web.Wall;

/// <summary>One street's outline as an SVG path in the map's view box, and where its label goes.</summary>
public sealed record StreetShape(string Code, string Path, double LabelX, double LabelY);

/// <summary>The street map's outlines: the schematic SVG in wwwroot/ by default, or a boundary file's real geometry (Geography/LoadedGeography).</summary>
public sealed record StreetMapShapes(double Width, double Height, FrozenDictionary<string, StreetShape> Streets, string Source)
{
    public const string SchematicPath = "maps/gulou-schematic.svg";

    /// <summary>Room around the outlines for labels of streets at the edge.</summary>
    public const double LabelMargin = 40;

    public string ViewBox => string.Create(CultureInfo.InvariantCulture,
        $"{-LabelMargin:0.#} {-LabelMargin / 2:0.#} {Width + 2 * LabelMargin:0.#} {Height + LabelMargin:0.#}");

    /// <summary>The schematic SVG shipped in the web root (<see cref="SchematicPath"/>).</summary>
    public static StreetMapShapes LoadSchematic(string webRoot)
    {
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
    /// Real street areas (WGS-84, X = longitude, Y = latitude, as <c>Geography/BoundaryFile</c> reads them), projected
    /// equirectangularly (longitude scaled by the cosine of the mean latitude) into a 600-wide view box, north up. Every
    /// polygon's outer ring is drawn (holes do not change a street's colour); the label sits on the largest polygon's
    /// interior point, which lies inside even a concave street.
    /// </summary>
    public static StreetMapShapes FromAreas(IReadOnlyDictionary<string, Geometry> areas, string source)
    {
        if (areas.Count == 0) throw new ArgumentException("no street areas to draw", nameof(areas));
        var envelope = new Envelope();
        foreach (var area in areas.Values) envelope.ExpandToInclude(area.EnvelopeInternal);
        var xScale = Math.Cos((envelope.MinY + envelope.MaxY) / 2 * Math.PI / 180);
        const double width = 600, margin = 10;
        var scale = (width - 2 * margin) / Math.Max(1e-9, envelope.Width * xScale);
        var height = envelope.Height * scale + 2 * margin;
        (double X, double Y) Project(Coordinate c) => (margin + (c.X - envelope.MinX) * xScale * scale, margin + (envelope.MaxY - c.Y) * scale);

        var shapes = areas.ToFrozenDictionary(a => a.Key, a =>
        {
            var polygons = Enumerable.Range(0, a.Value.NumGeometries).Select(a.Value.GetGeometryN).OfType<Polygon>().ToList();
            var rings = polygons.Select(p => p.ExteriorRing.Coordinates.Select(Project).ToList()).ToList();
            var label = Project(polygons.OrderByDescending(p => p.Area).First().InteriorPoint.Coordinate);
            return Shape(a.Key, rings, label);
        }, StringComparer.Ordinal);
        return new StreetMapShapes(width, Math.Round(height, 1), shapes, source);
    }

    private static StreetShape Shape(string code, List<List<(double X, double Y)>> rings, (double X, double Y)? label = null)
    {
        var path = new StringBuilder();
        foreach (var ring in rings)
        {
            for (var i = 0; i < ring.Count; i++)
                path.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "M" : "L")}{ring[i].X:0.#},{ring[i].Y:0.#} ");
            path.Append("Z ");
        }
        // Without a label point, the vertex mean of the largest ring: inside for the convex outlines of the schematic.
        var main = rings.OrderByDescending(r => r.Count).First();
        var (x, y) = label ?? (main.Average(p => p.X), main.Average(p => p.Y));
        return new StreetShape(code, path.ToString().TrimEnd(), Math.Round(x, 1), Math.Round(y, 1));
    }
}
