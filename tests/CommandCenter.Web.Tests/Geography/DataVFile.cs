using System.Text.Json.Nodes;
using CommandCenter.Core.Geography;
using CommandCenter.Core.Reference;

namespace CommandCenter.Web.Tests.Geography;

/// <summary>
/// A boundary file in the form Chinese map data comes in (DataV style: <c>adcode</c> as a 9-digit number, the Chinese
/// <c>name</c> with 街道, <c>level: street</c>, a <c>parent</c>, MultiPolygon geometry in GCJ-02), written to a temp
/// file that is deleted when the test disposes it. Its shapes are the approximate street cells, shifted into GCJ-02.
/// </summary>
internal sealed class DataVFile : IDisposable
{
    private DataVFile(string path) => Path = path;

    public string Path { get; }

    public void Dispose() => File.Delete(Path);

    public static DataVFile Write(int streets = 13)
    {
        var features = new JsonArray();
        foreach (var street in DistrictModel.Gulou.Streets.Take(streets))
        {
            var polygon = (NetTopologySuite.Geometries.Polygon)DistrictGeography.GulouApproximate.Streets[street.Code].Area.GetGeometryN(0);
            var ring = new JsonArray([.. polygon.ExteriorRing.Coordinates.Select(c =>
            {
                var (lat, lon) = Gcj02.FromWgs84(c.Y, c.X);
                return (JsonNode)new JsonArray(Math.Round(lon, 6), Math.Round(lat, 6));
            })]);
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["properties"] = new JsonObject
                {
                    ["adcode"] = long.Parse(street.DivisionCode[..9]),
                    ["name"] = street.Name,
                    ["level"] = "street",
                    ["parent"] = new JsonObject { ["adcode"] = 320106 },
                },
                ["geometry"] = new JsonObject { ["type"] = "MultiPolygon", ["coordinates"] = new JsonArray(new JsonArray(ring)) },
            });
        }
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cc-datav-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString());
        return new DataVFile(path);
    }

    public static Dictionary<string, string?> Settings(string path, string? datum = "GCJ-02") => new()
    {
        ["Wall:Map:GeoJson"] = path,
        ["Wall:Map:Datum"] = datum,
    };
}
