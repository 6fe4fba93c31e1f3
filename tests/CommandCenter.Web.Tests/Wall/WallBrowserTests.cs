using System.Globalization;
using CommandCenter.Core.EventLog;
using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.Web.Tests.Wall;

public sealed class WallBrowserTests
{
    [Fact]
    public async Task Wall_TicketAppendedToTheLog_ShowsInTickerAndKpiWithinTwoSeconds()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.SignedInAsync("operator", "/wall", ".wall", 1920, 1080);
        var tile = page.Locator("[data-kpi='tickets-received-today'] .kpi-value");
        var before = int.Parse(await tile.InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

        var ticket = TestEvents.TicketReceived(DateTimeOffset.UtcNow, street: "fenghuang", content: "小区门口垃圾堆放");
        await app.Services.GetRequiredService<IEventLog>().AppendAsync([ticket]);

        var row = page.Locator($"[data-event-id='{ticket["id"]}']");
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 2_000 });
        await Expect(tile).ToHaveTextAsync((before + 1).ToString("N0", CultureInfo.InvariantCulture), new() { Timeout = 2_000 });
        await Expect(row.Locator(".ticker-street")).ToHaveTextAsync("凤凰");
        Assert.False(await HasScrollbarsAsync(page), "scrollbars at 1920×1080");
        await page.SetViewportSizeAsync(3840, 2160);
        Assert.False(await HasScrollbarsAsync(page), "scrollbars at 3840×2160");
    }

    [Fact]
    public async Task Wall_CircuitReconnecting_ShowsTheStaleBanner()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.SignedInAsync("operator", "/wall", ".wall", 1280, 720);
        var ticket = TestEvents.TicketReceived(DateTimeOffset.UtcNow);
        await app.Services.GetRequiredService<IEventLog>().AppendAsync([ticket]);
        await Expect(page.Locator($"[data-event-id='{ticket["id"]}']")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        var banner = page.Locator("#stale-banner");
        // Fresh data (an event just arrived): the banner is hidden.
        await Expect(banner).ToBeHiddenAsync();

        // The class Blazor puts on the reconnect element while it tries to rejoin the circuit.
        await page.EvaluateAsync("() => document.getElementById('components-reconnect-modal').classList.add('components-reconnect-show')");

        await Expect(banner).ToBeVisibleAsync(new() { Timeout = 2_000 });
        await Expect(banner).ToContainTextAsync("数据已过期");
    }

    private static Task<bool> HasScrollbarsAsync(IPage page) => page.EvaluateAsync<bool>(
        "() => document.documentElement.scrollHeight > innerHeight || document.documentElement.scrollWidth > innerWidth");
}
