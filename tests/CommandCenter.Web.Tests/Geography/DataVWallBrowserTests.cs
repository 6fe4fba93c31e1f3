using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Wall;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.Web.Tests.Geography;

public sealed class DataVWallBrowserTests
{
    [Fact]
    public async Task Wall_DataVBoundaryFile_DrawsTheStreetsFromItsGeometry()
    {
        using var file = DataVFile.Write();
        await using var app = await BrowserApp.StartAsync(new WallAppFactory { Settings = DataVFile.Settings(file.Path) });
        var shapes = app.Services.GetRequiredService<StreetMapShapes>();
        Assert.Equal(file.Path, shapes.Source);

        var page = await app.SignedInAsync("operator", "/wall", ".wall", 1920, 1080);

        await Expect(page.Locator(".street-map .map-street")).ToHaveCountAsync(13);
        await Expect(page.Locator(".street-map")).ToHaveAttributeAsync("viewBox", shapes.ViewBox);
        foreach (var (code, shape) in shapes.Streets)
            await Expect(page.Locator($".street-map [data-street='{code}'] path")).ToHaveAttributeAsync("d", shape.Path);
        await Expect(page.Locator(".street-map [data-street='yuejianglou'] .map-name")).ToHaveTextAsync("阅江楼");
    }
}
