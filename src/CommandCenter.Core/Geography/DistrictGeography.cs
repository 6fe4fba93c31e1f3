using System.Collections.Frozen;
using CommandCenter.Core.Reference;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Triangulate;

namespace CommandCenter.Core.Geography;

/// <summary>One street's area in WGS-84 (X = longitude, Y = latitude, decimal degrees) and where it comes from.</summary>
/// <param name="Provenance">Words for people: "approximate: …" or the boundary file it was read from.</param>
public sealed record StreetArea(string Code, Geometry Area, string Provenance);

/// <summary>Where a point fell: a street code, or why none (the words name the reason for the caller).</summary>
public sealed record Located(string? Street, string? Problem)
{
    public bool Found => Street is not null;
}

/// <summary>
/// The district's streets as areas in WGS-84, and the point-in-polygon that places a coordinate in one of them
/// (NetTopologySuite, prepared geometries). Two kinds: <see cref="Approximate"/> (the default: each street office's
/// cell of a Voronoi diagram, clipped to a coarse outline of the district — good enough to route a request, not to
/// draw a border) and <see cref="FromBoundaries"/> (a boundary file's real geometry, see <see cref="BoundaryFile"/>).
/// </summary>
public sealed class DistrictGeography
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private readonly (StreetArea Street, IPreparedGeometry Prepared)[] _prepared;

    public DistrictInfo District { get; }
    public FrozenDictionary<string, StreetArea> Streets { get; }

    /// <summary>True for the default cells, false for a boundary file's geometry.</summary>
    public bool IsApproximate { get; }

    /// <summary>"approximate" or the boundary file's name, for health and the docs.</summary>
    public string Source { get; }

    private DistrictGeography(DistrictInfo district, IEnumerable<StreetArea> streets, bool approximate, string source)
    {
        District = district;
        Streets = streets.ToFrozenDictionary(s => s.Code, StringComparer.Ordinal);
        _prepared = [.. Streets.Values.Select(s => (s, PreparedGeometryFactory.Prepare(s.Area)))];
        IsApproximate = approximate;
        Source = source;
    }

    /// <summary>
    /// Each street's area from its office location: the office's Voronoi cell among all 13 offices, clipped to the
    /// district's coarse outline (<see cref="GeographyData"/>). Every area's provenance says "approximate" and names
    /// the source of its office coordinate.
    /// </summary>
    /// <exception cref="InvalidDataException">An office is missing for a street, or lies outside the outline.</exception>
    public static DistrictGeography Approximate(DistrictModel district, GeographyData data)
    {
        var outline = Factory.CreatePolygon([.. data.Outline.Ring.Select(p => new Coordinate(p[0], p[1]))]);
        var offices = district.Streets.Select(s => data.Offices.FirstOrDefault(o => o.Street == s.Code)
            ?? throw new InvalidDataException($"geography data has no office location for street '{s.Code}'")).ToList();
        foreach (var office in offices)
            if (!outline.Contains(Factory.CreatePoint(new Coordinate(office.Long, office.Lat))))
                throw new InvalidDataException($"the office of '{office.Street}' lies outside the district's outline");

        var builder = new VoronoiDiagramBuilder();
        builder.SetSites([.. offices.Select(o => new Coordinate(o.Long, o.Lat))]);
        builder.ClipEnvelope = outline.EnvelopeInternal;
        var cells = builder.GetDiagram(Factory);
        var areas = offices.Select(office =>
        {
            var site = Factory.CreatePoint(new Coordinate(office.Long, office.Lat));
            var cell = Enumerable.Range(0, cells.NumGeometries).Select(cells.GetGeometryN).First(c => c.Contains(site));
            return new StreetArea(office.Street, cell.Intersection(outline),
                $"approximate: the Voronoi cell of the street office ({office.Source}) clipped to the district's outline ({data.Outline.Source})");
        });
        return new DistrictGeography(district.District, areas, approximate: true, "approximate");
    }

    /// <summary>Real boundaries, already in WGS-84 and complete (one area per street: <see cref="BoundaryFile"/> checks it).</summary>
    public static DistrictGeography FromBoundaries(DistrictInfo district, IReadOnlyDictionary<string, Geometry> areas, string source) =>
        new(district, areas.Select(a => new StreetArea(a.Key, a.Value, $"boundary file {source}")), approximate: false, source);

    /// <summary>
    /// The street a WGS-84 point lies in. Refuses, with words for the caller: a latitude or longitude that is not a
    /// finite number or out of range (±90, ±180), and a point outside every street (outside the district).
    /// A point on the border between two streets goes to the first street in the district's order.
    /// </summary>
    public Located Locate(double lat, double lon)
    {
        if (CoordinateProblem(lat, lon) is { } problem)
            return new Located(null, problem);
        var point = Factory.CreatePoint(new Coordinate(lon, lat));
        foreach (var (street, prepared) in _prepared)
            if (prepared.Covers(point))
                return new Located(street.Code, null);
        return new Located(null, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"the location {lat:0.######},{lon:0.######} is outside {District.Name} ({District.NameEn}): this endpoint takes requests in its 13 streets only"));
    }

    /// <summary>Null for a usable WGS-84 position; otherwise why not (NaN, infinity, out of range).</summary>
    public static string? CoordinateProblem(double lat, double lon) =>
        !double.IsFinite(lat) ? "lat is not a finite number"
        : !double.IsFinite(lon) ? "long is not a finite number"
        : lat is < -90 or > 90 ? "lat is out of range (decimal degrees, -90 to 90)"
        : lon is < -180 or > 180 ? "long is out of range (decimal degrees, -180 to 180)"
        : null;

    private static readonly Lazy<DistrictGeography> Default = new(() => Approximate(DistrictModel.Gulou, GeographyData.Gulou));

    /// <summary>Gulou's approximate streets from the shipped data.</summary>
    public static DistrictGeography GulouApproximate => Default.Value;
}
