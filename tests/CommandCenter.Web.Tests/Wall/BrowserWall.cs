using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Tests.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommandCenter.Web.Tests.Wall;

/// <summary>
/// One real app on Kestrel (embedded log, temp database) with the district simulator running fast, so the wall is
/// full of live data, and one Chromium: shared by the layout, screenshot and accessibility tests.
/// </summary>
public sealed class BrowserWall : IAsyncLifetime
{
    public WallAppFactory Factory { get; } = new()
    {
        Settings = new()
        {
            ["Simulator:Enabled"] = "true",
            ["Simulator:EventsPerSecond"] = "400",
            ["Simulator:Seed"] = "20261127",
            ["Simulator:StepDelayScale"] = "0.02",
        },
    };

    public string Address { get; private set; } = "";
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>tests/artifacts/screenshots/ of the repository (git-ignored), created on first use.</summary>
    public static string ScreenshotDirectory
    {
        get
        {
            var dir = Path.Combine(RepoPaths.Root(), "tests", "artifacts", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public async Task InitializeAsync()
    {
        Factory.UseKestrel(0);
        Factory.StartServer();
        Address = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(Playwright);
        // Enough simulated history that every panel has something to show.
        var live = Factory.Services.GetRequiredService<CommandCenter.Web.Live.LiveState>();
        await TestWait.UntilAsync(() => live.Current.State.AppliedCount >= 1_500, "the simulator filled the wall", TimeSpan.FromSeconds(60));
    }

    public async Task<IPage> OpenAsync(string path, int width, int height)
    {
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        await SignIn.InBrowserAsync(page, Address, "operator");
        await page.GotoAsync($"{Address}{path}");
        await page.Locator(".wall[data-circuit='connected']").WaitForAsync(new() { Timeout = 20_000 });
        return page;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Factory.DisposeAsync();
    }
}
