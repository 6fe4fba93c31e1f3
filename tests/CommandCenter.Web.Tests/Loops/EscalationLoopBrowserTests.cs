using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Kiosk;
using CommandCenter.Web.Security;
using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.Web.Tests.Loops;

/// <summary>
/// A missed report-in, end to end (issue #5): with a short configured report-in time, a work-advance whistle nobody
/// reports in to is marked missed and escalated to a tough-problem whistle by the deadline watcher; the district
/// operator's open whistle board, the street leader's pages and a wall screen set to take over on missed report-ins
/// all show it without a reload.
/// </summary>
public sealed class EscalationLoopBrowserTests
{
    [Fact]
    public async Task Escalation_WorkAdvanceWhistleNobodyReportsInTo_BecomesToughProblemLiveOnBoardsAndWall()
    {
        var factory = new WallAppFactory
        {
            Settings =
            {
                // Long enough to see the whistle as blown first, short enough for a test.
                ["Whistles:ReportIn:WorkAdvance"] = "00:00:08",
                ["DeadlineWatcher:Interval"] = "00:00:00.250",
            },
        };
        await using var browsers = await BrowserApp.StartAsync(factory);
        await factory.Services.GetRequiredService<KioskStore>().SaveScreenAsync(new KioskScreen("hall", null, "single", [TakeoverKinds.MissedReportIn]));
        var (token, secret) = await factory.Services.GetRequiredService<KioskTokenStore>().CreateAsync("screen hall", ["hall", "wall"], "test");
        var wall = await browsers.OpenAsync(KioskLinks.UrlFor(browsers.Address, token, secret), ".kiosk");
        Assert.Equal("/kiosk/hall", new Uri(wall.Url).AbsolutePath);
        var operatorPage = await browsers.SignedInAsync("operator", "/whistles", ".whistles-page");

        var leader = await browsers.SignedInAsync("leader.ninghailu", "/whistles/new", ".blow-page");
        var street = await browsers.OpenTabAsync(leader, "/street/ninghailu", ".street-console");
        // A street leader blows work-advance whistles only.
        await Expect(leader.Locator("[data-testid='level-ToughProblem']")).ToHaveCountAsync(0);
        await Expect(leader.Locator("[data-testid='blow-deadline']")).ToContainTextAsync("8 秒");
        await leader.Locator("[data-testid='blow-title']").FillAsync("宁海路小区加装电梯管线迁移");
        await leader.Locator("[data-testid='blow-title']").PressAsync("Tab");
        await leader.Locator("[data-testid='dept-chengguan']").CheckAsync();
        await leader.Locator("[data-testid='blow']").ClickAsync();
        var leaderDetail = leader.Locator("[data-testid='whistle-detail']");
        await Expect(leaderDetail.Locator("[data-testid='detail-level']")).ToHaveTextAsync("工作推进哨", Soon.ExactText);
        var whistle = await leaderDetail.GetAttributeAsync("data-whistle");

        // The operator sees it arrive as a work-advance whistle with its department waiting, and opens it.
        var row = operatorPage.Locator($"tr:has([data-testid='whistle-row'][data-whistle='{whistle}'])");
        var chip = row.Locator("[data-department='chengguan']");
        await Expect(row.Locator("[data-testid='whistle-row']")).ToHaveAttributeAsync("data-level", nameof(WhistleLevel.WorkAdvance), Soon.Attribute);
        await Expect(chip).ToHaveAttributeAsync("data-status", "waiting", Soon.Attribute);
        await row.Locator("[data-testid='open-whistle']").ClickAsync();
        var detail = operatorPage.Locator($"[data-testid='whistle-detail'][data-whistle='{whistle}']");
        var link = detail.Locator("[data-testid='summons-diagram'] [data-department='chengguan']");
        await Expect(link).ToHaveAttributeAsync("data-status", "waiting", Soon.Attribute);

        // Nobody reports in: past the deadline the watcher records the miss and raises the level.
        var escalated = new LocatorAssertionsToHaveAttributeOptions { Timeout = 20_000 };
        await Expect(row.Locator("[data-testid='whistle-row']")).ToHaveAttributeAsync("data-level", nameof(WhistleLevel.ToughProblem), escalated);
        await Expect(row.Locator("td").First).ToHaveTextAsync("攻坚克难哨", Soon.ExactText);
        await Expect(chip).ToHaveAttributeAsync("data-status", "overdue", Soon.Attribute);
        await Expect(chip).ToContainTextAsync("超时未报到", Soon.Text);
        await Expect(detail.Locator("[data-testid='detail-level']")).ToHaveTextAsync("攻坚克难哨", Soon.ExactText);
        await Expect(link).ToHaveAttributeAsync("data-status", "overdue", Soon.Attribute);
        await Expect(detail.Locator("g[data-link-id='summons-chengguan'] path").First).ToHaveAttributeAsync("stroke", "#ef4444", Soon.Attribute);
        await Expect(leaderDetail.Locator("[data-testid='detail-level']")).ToHaveTextAsync("攻坚克难哨", Soon.ExactText);
        // The street's console counts it overdue and shows its new level.
        var item = street.Locator($"[data-testid='street-whistles'] li[data-whistle='{whistle}']");
        await Expect(item).ToContainTextAsync("攻坚克难哨", Soon.Text);
        await Expect(item).ToHaveClassAsync("overdue");
        await Expect(street.Locator("[data-testid='overdue-whistles']")).ToContainTextAsync("1 超期");

        // Its history names the watcher as the one who acted.
        var entries = detail.Locator("[data-testid='timeline'] li[data-timeline-type]");
        await Expect(entries).ToHaveCountAsync(3, Soon.Count);
        Assert.Equal([EventTypes.WhistleBlown, EventTypes.DeadlineMissed, EventTypes.WhistleEscalated],
            await entries.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.timelineType)"));
        await Expect(entries.Nth(0)).ToContainTextAsync("(leader.ninghailu) · street-leader · ninghailu");
        await Expect(entries.Nth(1)).ToContainTextAsync("deadline-watcher");
        await Expect(entries.Nth(2)).ToContainTextAsync("deadline-watcher");

        // The wall screen set for missed report-ins is taken over.
        var takeover = wall.Locator("[data-kind='missed-report-in']");
        await Expect(takeover).ToBeVisibleAsync(Soon.Visible);
        await Expect(takeover).ToContainTextAsync("部门未按时报到");
        await Expect(takeover).ToContainTextAsync("宁海路");
        await Expect(takeover).ToContainTextAsync("宁海路小区加装电梯管线迁移");

        foreach (var page in new[] { operatorPage, leader, street, wall })
            await BrowserApp.AssertNotReloadedAsync(page);
    }
}
