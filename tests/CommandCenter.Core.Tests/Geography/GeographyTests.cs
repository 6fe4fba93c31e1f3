using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Core.Geography;
using CommandCenter.Core.Reference;

namespace CommandCenter.Core.Tests.Geography;

public sealed class Gcj02Tests
{
    [Fact]
    public void ToWgs84_InvertsFromWgs84_InNanjing()
    {
        var (gLat, gLon) = Gcj02.FromWgs84(32.0603, 118.7969);
        var (lat, lon) = Gcj02.ToWgs84(gLat, gLon);

        Assert.Equal(32.0603, lat, 8);
        Assert.Equal(118.7969, lon, 8);
    }

    [Fact]
    public void FromWgs84_InNanjing_ShiftsByHundredsOfMetres()
    {
        // GCJ-02 moves points in Nanjing roughly 0.002° south-north and 0.005° east-west (some 200–500 m).
        var (gLat, gLon) = Gcj02.FromWgs84(32.0603, 118.7969);

        Assert.InRange(gLat - 32.0603, -0.01, 0.01);
        Assert.InRange(Math.Abs(gLon - 118.7969), 0.002, 0.01);
    }

    [Fact]
    public void FromWgs84_OutsideChina_IsUnchanged() => Assert.Equal((51.5, -0.12), Gcj02.FromWgs84(51.5, -0.12));
}

public sealed class DistrictGeographyTests
{
    private static readonly DistrictGeography Geo = DistrictGeography.GulouApproximate;

    [Fact]
    public void Approximate_EveryStreetHasAnAreaLabelledApproximateWithItsSource()
    {
        Assert.Equal(13, Geo.Streets.Count);
        Assert.True(Geo.IsApproximate);
        Assert.All(Geo.Streets.Values, s =>
        {
            Assert.True(s.Area.Area > 0);
            Assert.StartsWith("approximate", s.Provenance);
        });
        Assert.Contains("Wikipedia", Geo.Streets["yuejianglou"].Provenance);
    }

    [Fact]
    public void Locate_EachStreetOffice_IsInItsOwnStreet()
    {
        foreach (var office in GeographyData.Gulou.Offices)
            Assert.Equal(office.Street, Geo.Locate(office.Lat, office.Long).Street);
    }

    [Theory]
    [InlineData(double.NaN, 118.75, "lat is not a finite number")]
    [InlineData(32.06, double.PositiveInfinity, "long is not a finite number")]
    [InlineData(91, 118.75, "lat is out of range")]
    [InlineData(32.06, -181, "long is out of range")]
    [InlineData(31.2304, 121.4737, "outside 鼓楼区")]
    [InlineData(32.0415, 118.8, "outside 鼓楼区")]
    public void Locate_UnusableOrOutside_SaysWhy(double lat, double lon, string words)
    {
        var located = Geo.Locate(lat, lon);

        Assert.Null(located.Street);
        Assert.Contains(words, located.Problem);
    }
}

public sealed class GazetteerTests
{
    [Theory]
    [InlineData("南京市鼓楼区宁海路街道某小区3栋", "ninghailu")]
    [InlineData("宁海路某小区", "ninghailu")]
    [InlineData("鼓楼区下关热河路社区12号", "yuejianglou")]
    [InlineData("多伦路社区", "yuejianglou")]
    [InlineData("清凉山社区门口", "huaqiaolu")]
    [InlineData("石头城公园东门", "huaqiaolu")]
    [InlineData("热河南路街道惠民桥", "rehenanlu")]
    [InlineData("小市街道", "xiaoshi")]
    [InlineData("马台街社区天福园", "hunanlu")]
    [InlineData("戴家巷社区16号", "yijiangmen")]
    public void Resolve_StreetOrCommunityName_FindsTheStreet(string address, string street) =>
        Assert.Equal(street, Gazetteer.Gulou.Resolve(address).Street);

    [Theory]
    [InlineData("玄武区珠江路100号", "outside 鼓楼区")]
    [InlineData("某小区3栋", "names no street or community")]
    public void Resolve_NoPlaceOrAnotherDistrict_SaysWhy(string address, string words) =>
        Assert.Contains(words, Gazetteer.Gulou.Resolve(address).Problem);

    [Fact]
    public void Names_CommunityNames_CarryTheirSource() =>
        Assert.All(Gazetteer.Gulou.Names.Where(n => n.Name.EndsWith("社区")), n => Assert.NotEqual("", n.Source));
}

public sealed class BoundaryFileTests
{
    /// <summary>A DataV-style file (adcode, name with 街道, level street) in GCJ-02, drawn from the approximate cells.</summary>
    public static string DataV(Func<Street, JsonObject> properties, IEnumerable<Street>? streets = null, bool datum = false)
    {
        var features = new JsonArray();
        foreach (var street in streets ?? DistrictModel.Gulou.Streets)
        {
            var area = DistrictGeography.GulouApproximate.Streets[street.Code].Area;
            var polygon = (NetTopologySuite.Geometries.Polygon)area.GetGeometryN(0);
            var ring = new JsonArray([.. polygon.ExteriorRing.Coordinates.Select(c =>
            {
                var (lat, lon) = Gcj02.FromWgs84(c.Y, c.X);
                return (JsonNode)new JsonArray(lon, lat);
            })]);
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["properties"] = properties(street),
                ["geometry"] = new JsonObject { ["type"] = "MultiPolygon", ["coordinates"] = new JsonArray(new JsonArray(ring)) },
            });
        }
        var root = new JsonObject { ["type"] = "FeatureCollection", ["features"] = features };
        if (datum) root["datum"] = "GCJ-02";
        return root.ToJsonString();
    }

    private static BoundaryFileResult Read(string json, Datum? datum = Datum.Gcj02) =>
        BoundaryFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), datum, DistrictModel.Gulou);

    [Fact]
    public void Read_DataVStyleGcj02_MatchesAll13AndConvertsToWgs84()
    {
        var json = DataV(s => new JsonObject { ["adcode"] = long.Parse(s.DivisionCode[..9]), ["name"] = s.Name, ["level"] = "street" });

        var result = Read(json);

        Assert.True(result.IsUsable, result.Problem);
        Assert.Equal(13, result.Areas.Count);
        // Back in WGS-84: each office lies in its own street's area again.
        var geo = DistrictGeography.FromBoundaries(DistrictModel.Gulou.District, result.Areas, "test");
        foreach (var office in GeographyData.Gulou.Offices)
            Assert.Equal(office.Street, geo.Locate(office.Lat, office.Long).Street);
    }

    [Theory]
    [InlineData("code")]
    [InlineData("adcode12")]
    [InlineData("adcodeText")]
    [InlineData("bareName")]
    public void Read_EachWayOfNamingAStreet_Matches(string way)
    {
        var json = DataV(s => way switch
        {
            "code" => new JsonObject { ["code"] = s.Code },
            "adcode12" => new JsonObject { ["adcode"] = long.Parse(s.DivisionCode) },
            "adcodeText" => new JsonObject { ["adcode"] = s.DivisionCode[..9] },
            _ => new JsonObject { ["name"] = s.Name[..^2] },
        }, datum: true);

        Assert.True(Read(json, datum: null).IsUsable);
    }

    [Fact]
    public void Read_NoDatum_IsRefusedNamingTheSetting() =>
        Assert.Contains("Wall:Map:Datum", Read(DataV(s => new JsonObject { ["code"] = s.Code }), datum: null).Problem);

    [Fact]
    public void Read_NotAll13_IsRefusedNamingTheMissing()
    {
        var json = DataV(s => new JsonObject { ["code"] = s.Code }, DistrictModel.Gulou.Streets.Take(12));

        var problem = Read(json).Problem;

        Assert.Contains("12 of 13", problem);
        Assert.Contains("小市街道", problem);
    }

    [Fact]
    public void Read_NoStreetMatches_IsRefused() =>
        Assert.Contains("no feature matches", Read(DataV(s => new JsonObject { ["name"] = "某某街道" })).Problem);

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"type\":\"Feature\"}")]
    public void Read_NotGeoJson_IsRefused(string json) => Assert.False(Read(json).IsUsable);
}
