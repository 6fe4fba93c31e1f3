using CommandCenter.Core.EventLog;
using CommandCenter.Core.Reference;
using CommandCenter.Core.Simulation;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommandCenter.Web.Tests.Wall;

/// <summary>
/// The wall full of simulated data, on the one browser fixture (<see cref="BrowserApp"/>), shared by the layout,
/// screenshot and accessibility tests. The district simulator's events for a few busy seconds are appended at once
/// rather than produced live throughout: every panel has something to show, and no simulator keeps both cores busy
/// while the other tests of the run measure their own pages.
/// </summary>
public sealed class BrowserWall : IAsyncLifetime
{
    private const int Events = 2_000;

    public BrowserApp App { get; private set; } = null!;

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
        App = await BrowserApp.StartAsync();
        // Four simulated seconds at 500 events a second, ending now, with lifecycles 50 times faster than life so that
        // items close, whistles report in and teams come back within them (the simulator's StepDelayScale).
        var simulator = new DistrictSimulator(DistrictModel.Gulou, seed: 20261127, new SimulationSettings(StepDelayScale: 0.02));
        var start = DateTimeOffset.UtcNow.AddSeconds(-4);
        var entries = Enumerable.Range(0, 40).SelectMany(step => simulator.Next(start.AddMilliseconds(100 * step), Events / 40))
            .Select(fields => (IReadOnlyDictionary<string, string>)fields).ToList();
        await App.Services.GetRequiredService<IEventLog>().AppendAsync(entries);
        var live = App.Services.GetRequiredService<LiveState>();
        await TestWait.UntilAsync(() => live.Current.State.AppliedCount >= Events * 9 / 10, "the simulated events filled the wall", TimeSpan.FromSeconds(60));
    }

    public async Task<IPage> OpenAsync(string path, int width, int height)
    {
        var page = await App.SignedInAsync("operator", "/wall", width: width, height: height);
        await page.GotoAsync($"{App.Address}{path}");
        await BrowserApp.WaitForCircuitAsync(page, ".wall");
        return page;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
