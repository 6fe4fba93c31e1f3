using Blazor.Diagrams.Core.Geometry;
using Bunit;
using CommandCenter.Web.Wall;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CommandCenter.Web.Tests.Fakes;

internal static class WallTestServices
{
    /// <summary>The repository's wwwroot/ (the schematic map lives there).</summary>
    public static string WebRoot => WebRootLocator.FindUpwards(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("no wwwroot/ above the test binaries");

    public static StreetMapShapes Schematic()
    {
        using var svg = File.OpenRead(Path.Combine(WebRoot, StreetMapShapes.SchematicPath));
        return StreetMapShapes.FromSvg(svg, StreetMapShapes.SchematicPath);
    }

    /// <summary>What wall widgets need besides the feed: the map's outlines, MudBlazor, and the diagram's JS calls answered.</summary>
    public static void AddWallServices(this BunitContext ctx)
    {
        ctx.Services.AddSingleton(Schematic());
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(0, 0, 660, 300));
    }

    public static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.AddWallServices();
        return ctx;
    }
}
