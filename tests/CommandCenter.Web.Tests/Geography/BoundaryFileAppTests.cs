using System.Net;
using System.Text.Json;
using CommandCenter.Core.Geography;
using CommandCenter.Web.Geography;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Wall;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Geography;

/// <summary>A configured boundary file as it comes: used when it names all 13 streets, else refused without failing a page.</summary>
public sealed class BoundaryFileAppTests
{
    [Fact]
    public async Task DataVFile_Gcj02_LocatesAndDrawsFromTheRealGeometry()
    {
        using var file = DataVFile.Write();
        await using var factory = new WallAppFactory { Settings = DataVFile.Settings(file.Path) };

        var loaded = factory.Services.GetRequiredService<LoadedGeography>();

        Assert.Null(loaded.Warning);
        Assert.False(loaded.Areas.IsApproximate);
        Assert.Equal(file.Path, factory.Services.GetRequiredService<StreetMapShapes>().Source);
        Assert.Equal(13, loaded.Shapes.Streets.Count);
        foreach (var office in GeographyData.Gulou.Offices)
            Assert.Equal(office.Street, loaded.Areas.Locate(office.Lat, office.Long).Street);
        using var health = await factory.CreateClient().GetAsync("/healthz");
        Assert.Equal("ok", JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(12, "GCJ-02", "matches 12 of 13 streets")]
    [InlineData(13, null, "names no datum")]
    [InlineData(13, "BD-09", "neither WGS-84 nor GCJ-02")]
    public async Task UnusableFile_KeepsTheSchematic_WarnsOnHealth_AndTheWallAnswers(int streets, string? datum, string words)
    {
        using var file = DataVFile.Write(streets);
        await using var factory = new WallAppFactory { Settings = DataVFile.Settings(file.Path, datum) };

        var loaded = factory.Services.GetRequiredService<LoadedGeography>();
        Assert.Contains(words, loaded.Warning);
        Assert.EndsWith(StreetMapShapes.SchematicPath, loaded.Shapes.Source);
        Assert.True(loaded.Areas.IsApproximate);

        var client = factory.CreateClient();
        using var health = await client.GetAsync("/healthz");
        var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        Assert.Contains("boundary file was refused", body.GetProperty("reason").GetString());
        Assert.DoesNotContain(file.Path, body.GetProperty("reason").GetString());
        using var wall = await client.GetAsync("/wall");
        Assert.True((int)wall.StatusCode < 500, $"/wall answered {(int)wall.StatusCode}");
    }

    [Fact]
    public async Task MissingFile_KeepsTheSchematicWithAWarning()
    {
        await using var factory = new WallAppFactory { Settings = DataVFile.Settings("/nonexistent/streets.json") };

        Assert.Contains("cannot be read", factory.Services.GetRequiredService<LoadedGeography>().Warning);
    }
}
