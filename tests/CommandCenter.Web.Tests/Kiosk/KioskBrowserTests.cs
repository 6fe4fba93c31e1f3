using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Kiosk;
using CommandCenter.Web.Security;
using CommandCenter.Web.Tests.Browser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.Web.Tests.Kiosk;

public sealed class KioskBrowserTests
{
    [Fact]
    public async Task Takeover_Severity1Incident_TakesOverTwoKiosksUntilAcknowledgedFromTheConsole()
    {
        await using var app = await BrowserApp.StartAsync();
        var store = app.Services.GetRequiredService<KioskStore>();
        await store.SaveScreenAsync(new KioskScreen("lobby", null, "single", [TakeoverKinds.Severity1]));
        await store.SaveScreenAsync(new KioskScreen("hall", null, "single", [TakeoverKinds.Severity1, TakeoverKinds.ToughWhistle]));
        var kiosks = new List<IPage>();
        foreach (var screen in new[] { "lobby", "hall" })
            kiosks.Add(await OpenScreenAsync(app, screen));

        var at = DateTimeOffset.UtcNow;
        var incident = EnvelopeWriter.ToFields(new IncidentReported(Guid.NewGuid(),
            Core.Reference.DistrictModel.Gulou.StreetsByCode["hunanlu"].Communities[0].Grids[0].Id, "安全隐患", 1, "燃气泄漏", DueAt: at.AddHours(1)), "hunanlu", "grid-app", at);
        await app.Services.GetRequiredService<IEventLog>().AppendAsync([incident]);

        foreach (var page in kiosks)
        {
            var panel = page.Locator($"[data-takeover='{incident["id"]}']");
            await Expect(panel).ToBeVisibleAsync(new() { Timeout = 5_000 });
            await Expect(panel).ToContainTextAsync("燃气泄漏");
            await Expect(panel).ToContainTextAsync("一级事件");
        }

        var console = await app.SignedInAsync("operator", "/kiosk/console", "main", 1280, 720);
        await console.Locator($"li[data-takeover='{incident["id"]}'] [data-testid='acknowledge']").ClickAsync();

        foreach (var page in kiosks)
        {
            await Expect(page.Locator(".takeover")).ToHaveCountAsync(0, new() { Timeout = 5_000 });
            // The playlist (here the default overview) is back.
            await Expect(page.Locator(".wall .kpi-band")).ToBeVisibleAsync();
        }
        await Expect(console.Locator("[data-testid='no-takeovers']")).ToBeVisibleAsync(new() { Timeout = 5_000 });
    }

    [Fact]
    public async Task Kiosk_AssignedPlaylist_PlaysEachViewForItsDuration()
    {
        await using var app = await BrowserApp.StartAsync();
        var store = app.Services.GetRequiredService<KioskStore>();
        await store.SavePlaylistAsync(new Playlist("briefing", [new("wall", 5), new("structure", 5), new("street:fenghuang", 5)]));
        await store.SaveScreenAsync(new KioskScreen("wall-left", "briefing", "single", TakeoverKinds.All));
        Assert.Equal(3, (await store.PlaylistAsync("briefing"))!.Items.Count);
        var page = await OpenScreenAsync(app, "wall-left");

        var kiosk = page.Locator(".kiosk");
        await Expect(kiosk).ToHaveAttributeAsync("data-view", "wall");
        await Expect(kiosk).ToHaveAttributeAsync("data-view", "structure", new() { Timeout = 9_000 });
        await Expect(page.Locator(".structure-node")).ToHaveCountAsync(1 + 13 + 13 * 8, new() { Timeout = 5_000 });
        await Expect(kiosk).ToHaveAttributeAsync("data-view", "street:fenghuang", new() { Timeout = 9_000 });
        await Expect(page.Locator("h1")).ToContainTextAsync("凤凰");
        // No chrome on a kiosk: no language switch, no links out.
        await Expect(page.Locator("[data-testid='lang-switch']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task KioskAdmin_PlaylistAndScreenEdited_AreStoredAndTheScreenPlaysThem()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.SignedInAsync("admin", "/admin/kiosks", null, 1280, 720);
        // The former address (old bookmarks) lands on the one kiosk admin page, on its screens tab.
        await page.GotoAsync($"{app.Address}/kiosk/admin");
        Assert.Equal("/admin/kiosks", new Uri(page.Url).AbsolutePath);
        await BrowserApp.WaitForCircuitAsync(page, "[data-testid='admin-kiosks']");

        await Field(page, "playlist-name").FillAsync("morning");
        await PickAsync(page, page.Locator("input[data-testid='item-view']").First, "指挥体系");
        await Field(page, "item-seconds").First.FillAsync("20");
        await page.Locator("[data-testid='add-item']").ClickAsync();
        await PickAsync(page, page.Locator("input[data-testid='item-view']").Nth(1), "小市街道");
        await Field(page, "item-seconds").Nth(1).FillAsync("2");
        await Field(page, "item-seconds").Nth(1).BlurAsync();
        await page.Locator("[data-testid='save-playlist']").ClickAsync();
        await Expect(page.Locator("li[data-playlist='morning']")).ToBeVisibleAsync();
        await Field(page, "screen-name").FillAsync("east-wall");
        await PickAsync(page, page.Locator("input[data-testid='screen-playlist']"), "morning");
        await PickAsync(page, page.Locator("input[data-testid='screen-layout']"), "三屏拼接");
        await page.Locator("[data-testid='save-screen']").ClickAsync();
        await Expect(page.Locator("li[data-screen='east-wall']")).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-snackbar", new() { HasTextString = "已保存 east-wall" })).ToBeVisibleAsync();

        var store = app.Services.GetRequiredService<KioskStore>();
        var playlist = await store.PlaylistAsync("morning");
        // Durations below 5 s are raised to 5 s: a screen never flickers.
        Assert.Equal([new PlaylistItem("structure", 20), new PlaylistItem("street:xiaoshi", 5)], playlist!.Items);
        var screen = await store.ScreenAsync("east-wall");
        Assert.NotNull(screen);
        Assert.Equal(("morning", "span3"), (screen.Playlist, screen.Layout));
        Assert.Equal(TakeoverKinds.All, screen.Takeovers);

        var kiosk = await OpenScreenAsync(app, "east-wall", waitForCircuit: false);
        await Expect(kiosk.Locator(".kiosk")).ToHaveAttributeAsync("data-view", "structure", new() { Timeout = 20_000 });
        await Expect(kiosk.Locator(".kiosk")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("layout-span3"));
    }

    /// <summary>The input of the MudBlazor field marked <paramref name="testId"/>.</summary>
    private static ILocator Field(IPage page, string testId) => page.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input");

    /// <summary>Opens a MudSelect and clicks the item reading <paramref name="item"/>, as a person would.</summary>
    private static async Task PickAsync(IPage page, ILocator select, string item)
    {
        await select.ClickAsync();
        var option = page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = item });
        await option.First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }

    /// <summary>Opens a screen the way it is installed: a kiosk token bound to it, its printed URL opened once.</summary>
    private static async Task<IPage> OpenScreenAsync(BrowserApp app, string screen, bool waitForCircuit = true)
    {
        // The screen's name opens it; what it plays is authorized item by item against the same views.
        string[] views = [screen, "wall", "structure", .. Core.Reference.DistrictModel.Gulou.Streets.Select(s => $"street:{s.Code}")];
        var (token, secret) = await app.Services.GetRequiredService<KioskTokenStore>().CreateAsync($"screen {screen}", views, "test");
        var page = await app.NewPageAsync();
        await page.GotoAsync(KioskLinks.UrlFor(app.Address, token, secret));
        Assert.Equal($"/kiosk/{screen}", new Uri(page.Url).AbsolutePath);
        Assert.DoesNotContain("token=", page.Url, StringComparison.Ordinal);
        if (waitForCircuit)
            await BrowserApp.WaitForCircuitAsync(page, ".kiosk");
        return page;
    }
}
