using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.Web.Tests.Browser;

/// <summary>
/// Text from events always renders as text: script payloads in every text field of an event, and in a user name
/// shown on the audit page, are rendered in a real browser; nothing runs, the text shows literally, and the
/// Content-Security-Policy reports no violation from the app's own scripts.
/// </summary>
public sealed class ScriptPayloadBrowserTests
{
    private static readonly string[] Payloads =
    [
        "<script>window.__xss='script'</script>",
        "<img src=x onerror=\"window.__xss='img'\">",
        "<a href=\"javascript:window.__xss='link'\">点击</a>",
        "<svg onload=\"window.__xss='svg'\"></svg>",
    ];

    private static IEnumerable<Dictionary<string, string>> EventsWithPayloads(DateTimeOffset now)
    {
        var grid = DistrictModel.Gulou.StreetsByCode["ninghailu"].Communities[0].Grids[0].Id;
        foreach (var (p, i) in Payloads.Select((p, i) => (p, i)))
        {
            yield return EnvelopeWriter.ToFields(new TicketReceived(Guid.NewGuid(), "12345", $"分类{i}{p}", $"内容{i}{p}", $"1{p}", now.AddDays(1), $"地址{p}"),
                "ninghailu", "hotline-12345", now);
            yield return EnvelopeWriter.ToFields(new IncidentReported(Guid.NewGuid(), grid, $"类别{p}", 3, $"标题{i}{p}", $"描述{p}", now.AddHours(2), $"网格员{p}"),
                "ninghailu", "grid-app", now);
            yield return EnvelopeWriter.ToFields(new WhistleBlown(Guid.NewGuid(), WhistleLevel.WorkAdvance, $"吹哨{i}{p}", ["chengguan"], now.AddHours(3), $"说明{p}", $"来源{p}"),
                "ninghailu", "simulator", now);
        }
    }

    [Fact]
    public async Task Wall_EventsWithScriptInEveryTextField_ShowTheTextAndRunNothing()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.NewPageAsync();
        var dialogs = new List<string>();
        var cspErrors = new List<string>();
        page.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) cspErrors.Add(message.Text); };
        await SignIn.InBrowserAsync(page, app.Address, "operator");
        await BrowserApp.WaitForCircuitAsync(page, ".wall");

        var events = EventsWithPayloads(DateTimeOffset.UtcNow).ToList();
        await app.Services.GetRequiredService<IEventLog>().AppendAsync(events);

        var last = events[^1];
        await Expect(page.Locator($"[data-event-id='{last["id"]}']")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(page.Locator(".wall")).ToContainTextAsync("<script>window.__xss='script'</script>");
        await Expect(page.Locator(".wall")).ToContainTextAsync("<img src=x onerror=");
        Assert.Null(await page.EvaluateAsync<string?>("() => window.__xss ?? null"));
        Assert.Empty(dialogs);
        Assert.Equal(0, await page.Locator(".wall img[src='x'], .wall svg[onload], .wall a[href^='javascript']").CountAsync());
        Assert.Empty(cspErrors);
    }

    [Theory]
    [InlineData("/tickets")]
    [InlineData("/whistles")]
    [InlineData("/dispatch")]
    [InlineData("/street/ninghailu")]
    public async Task Console_EventsWithScriptInEveryTextField_ShowTheTextAndRunNothing(string console)
    {
        await using var app = await BrowserApp.StartAsync();
        var events = EventsWithPayloads(DateTimeOffset.UtcNow).ToList();
        await app.Services.GetRequiredService<IEventLog>().AppendAsync(events);
        var live = app.Services.GetRequiredService<CommandCenter.Web.Live.LiveState>();
        await Fakes.TestWait.UntilAsync(() => live.Current.State.AppliedCount >= events.Count, "the live state applied the payload events");
        var page = await app.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };

        await SignIn.InBrowserAsync(page, app.Address, "operator", returnUrl: console);
        await BrowserApp.WaitForCircuitAsync(page, "");

        await Expect(page.Locator("body")).ToContainTextAsync("<script>window.__xss='script'</script>", new() { Timeout = 10_000 });
        Assert.Null(await page.EvaluateAsync<string?>("() => window.__xss ?? null"));
        Assert.Empty(dialogs);
        Assert.Equal(0, await page.Locator("main img[src='x'], main svg[onload], main a[href^='javascript']").CountAsync());
    }

    [Fact]
    public async Task AuditPage_UserNameWithScript_ShowsTheTextAndRunsNothing()
    {
        await using var app = await BrowserApp.StartAsync();
        using (var stranger = app.Factory.AnonymousClient())
        using (await stranger.PostSignInAsync(Payloads[1], "whatever")) { }
        var page = await app.NewPageAsync(1280, 720);
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };

        await SignIn.InBrowserAsync(page, app.Address, "admin", returnUrl: "/access-denied");
        await page.GotoAsync($"{app.Address}/admin/audit");

        await Expect(page.Locator("[data-testid='audit']")).ToContainTextAsync(Payloads[1]);
        Assert.Null(await page.EvaluateAsync<string?>("() => window.__xss ?? null"));
        Assert.Empty(dialogs);
        Assert.Equal(0, await page.Locator("img[src='x']").CountAsync());
    }
}
