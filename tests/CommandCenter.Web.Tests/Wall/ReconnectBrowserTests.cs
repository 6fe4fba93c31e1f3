using System.Globalization;
using CommandCenter.Core.EventLog;
using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Security;
using CommandCenter.Web.Wall;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.Web.Tests.Wall;

public sealed class ReconnectBrowserTests
{
    [Fact]
    public async Task Wall_ServerConnectionDroppedAndRestored_ShowsTheBannerThenResyncsToTheLiveState()
    {
        await using var app = await BrowserApp.StartAsync();
        await using var proxy = new TcpProxy(new Uri(app.Address).Port);
        proxy.Start();
        var log = app.Services.GetRequiredService<IEventLog>();
        var feed = app.Services.GetRequiredService<WallFeed>();
        // The browser reaches the app only through the proxy, which the test cuts and restores.
        var page = await app.NewPageAsync();
        await SignIn.InBrowserAsync(page, $"http://127.0.0.1:{proxy.Port}", "operator");
        await page.Locator(".wall[data-circuit='connected']").WaitForAsync(new() { Timeout = 20_000 });
        var first = TestEvents.TicketReceived(DateTimeOffset.UtcNow);
        await log.AppendAsync([first]);
        await Expect(page.Locator($"[data-event-id='{first["id"]}']")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        var banner = page.Locator("#stale-banner");
        await Expect(banner).ToBeHiddenAsync();

        proxy.Cut();

        // The connection is gone: the wall says so at once, long before its data would turn stale by age.
        await Expect(banner).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(page.Locator("#components-reconnect-modal")).ToBeVisibleAsync();
        // Meanwhile the district moves on.
        var missed = Enumerable.Range(0, 5).Select(i => TestEvents.TicketReceived(DateTimeOffset.UtcNow, street: "xiaoshi", content: $"断线期间{i}")).ToArray();
        await log.AppendAsync(missed);

        proxy.Restore();

        // Reconnected without a reload: the banner goes, and the wall equals the live state, events missed included.
        foreach (var entry in missed)
            await Expect(page.Locator($"[data-event-id='{entry["id"]}']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(banner).ToBeHiddenAsync(new() { Timeout = 5_000 });
        await TestWait.UntilAsync(() => feed.Current.Kpis.TicketsReceivedToday == 6, "the feed counted six tickets");
        await Expect(page.Locator("[data-kpi='tickets-received-today'] .kpi-value")).ToHaveTextAsync("6");
        Assert.Equal(
            feed.Current.Ticker.Select(r => r.EventId).Take(6),
            await page.Locator("[data-event-id]").EvaluateAllAsync<string[]>("rows => rows.slice(0, 6).map(r => r.dataset.eventId)"));
        var xiaoshi = feed.Current.Streets.Single(r => r.Code == "xiaoshi").Open;
        Assert.Equal(5, xiaoshi);
        await Expect(page.Locator("tr[data-street='xiaoshi'] .col-num").First).ToHaveTextAsync(xiaoshi.ToString(CultureInfo.InvariantCulture));
    }
}
