using System.Globalization;
using CommandCenter.Infrastructure.Simulation;
using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.Web.Tests.Wall;

/// <summary>
/// A newcomer's first start: the embedded default backfills the last week (Simulator:Backfill), and the wall and a street
/// wall show that week's trends at once — figures, on-time and satisfaction rates, today's hot categories — instead of
/// dashes, with the month's window saying how few days it covers.
/// </summary>
public sealed class BackfilledWallBrowserTests
{
    [Fact]
    public async Task FirstStart_WithTheWeekBackfilled_WallsShowTheWeeksTrendsAtOnce()
    {
        await using var app = await BrowserApp.StartAsync(new WallAppFactory { Settings = { ["Simulator:Backfill"] = "true" } });
        var backfilled = await app.Services.GetRequiredService<BackfillProgress>().WaitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.NotNull(backfilled); // a fresh log: the week was generated, not found

        var wall = await app.SignedInAsync("operator", "/wall", ".wall", 1920, 1080);
        await AssertWeekShownAsync(wall);

        var street = await app.OpenTabAsync(wall, "/wall/street/ninghailu", ".wall");
        await AssertWeekShownAsync(street);
    }

    private static async Task AssertWeekShownAsync(IPage page)
    {
        var week = page.Locator("[data-trend='7']");
        await Expect(week).ToBeVisibleAsync(Soon.Visible);
        // Received, closed, on time, satisfied: four figures, none a dash, the week's tickets counted.
        var figures = week.Locator(".trend-figure b");
        await Expect(figures).ToHaveCountAsync(4, Soon.Count);
        await Expect(figures.Nth(0)).Not.ToHaveTextAsync("0", Soon.ExactText);
        foreach (var index in new[] { 2, 3 })
            await Expect(figures.Nth(index)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+(\.\d)?%$"), Soon.ExactText);
        var received = int.Parse(await figures.Nth(0).InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var closed = int.Parse(await figures.Nth(1).InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.True(received > 0 && closed > 0, $"the week received {received} and closed {closed}");

        // Thirty days asked for, about a week there: the window says how many days it covers.
        await Expect(page.Locator("[data-trend='30'] [data-testid='trend-covers']")).ToContainTextAsync("天数据", Soon.Text);

        // Today's hot categories count the district day's tickets: in the first minutes after the district's midnight
        // a street may have none yet and shows a dash. Both figures are read in one go (one render draws both), so a
        // ticket arriving in between cannot set them apart.
        var hot = page.Locator("[data-testid='hot-categories'] [data-category]");
        var noneToday = page.Locator("[data-kpi='tickets-received-today'] .kpi-value", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^0$") });
        await Expect(hot.Or(noneToday).First).ToBeVisibleAsync(Soon.Visible);
        var shown = await page.EvaluateAsync<string[]>(
            "() => [String(document.querySelectorAll(\"[data-testid='hot-categories'] [data-category]\").length), " +
            "document.querySelector(\"[data-kpi='tickets-received-today'] .kpi-value\").textContent.trim()]");
        Assert.True(shown[0] != "0" || shown[1] == "0", $"{shown[1]} tickets received today but no hot category shown");
    }
}
