using System.Text.RegularExpressions;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.Web.Tests.Loops;

/// <summary>
/// "The street blows the whistle, departments report in" end to end (issue #5): a street director blows a whistle
/// from a hotline ticket, two district departments report in from their liaisons' browsers, one gives feedback, the
/// director verifies, closes and rates them, and the district's scoreboard moves: each person's screen live.
/// </summary>
public sealed class WhistleLoopBrowserTests
{
    private const string Director = "宁海路街道党工委书记 (director.ninghailu) · street-director · ninghailu";
    private const string Chengguan = "区城管局联络员 (liaison.chengguan) · department-liaison · chengguan";
    private const string Housing = "区住建局联络员 (liaison.housing) · department-liaison · housing";

    [Fact]
    public async Task WhistleLoop_BlownFromTicketToEvaluation_EveryStepLiveForDirectorLiaisonsAndScoreboard()
    {
        var factory = new WallAppFactory();
        await using var browsers = await BrowserApp.StartAsync(factory);
        var ticket = Guid.NewGuid();
        await factory.Services.GetRequiredService<IEventLog>().AppendAsync([EnvelopeWriter.ToFields(
            new TicketReceived(ticket, "12345", "违章建筑", "宁海路5号楼顶违建，多次投诉未拆除", "139****0005", DateTimeOffset.UtcNow.AddDays(5), "宁海路5号"),
            "ninghailu", "hotline-12345", DateTimeOffset.UtcNow)]);

        // Everyone who will watch is on their page before the whistle exists.
        var chengguan = await browsers.SignedInAsync("liaison.chengguan", "/liaison", ".liaison-page");
        var housing = await browsers.SignedInAsync("liaison.housing", "/liaison", ".liaison-page");
        var district = await browsers.SignedInAsync("district", "/whistles/scoreboard", ".scoreboard-page");
        var contribution = (string dept) => district.Locator($"tr[data-department='{dept}'] [data-testid='contribution']");
        await Expect(contribution("chengguan")).ToHaveTextAsync("—");
        await Expect(contribution("housing")).ToHaveTextAsync("—");

        // The director blows the whistle from the ticket: the form comes prefilled with the ticket.
        var director = await browsers.SignedInAsync("director.ninghailu", $"/tickets", ".ticket-board");
        await director.Locator($"tr:has([data-testid='ticket-row'][data-ticket='{ticket}']) [data-testid='open-ticket']").ClickAsync();
        await director.Locator($"[data-testid='ticket-drawer'][data-ticket='{ticket}'] [data-testid='blow-whistle']").ClickAsync();
        await BrowserApp.WaitForCircuitAsync(director, ".blow-page");
        Assert.Equal("/whistles/new", new Uri(director.Url).AbsolutePath);
        await Expect(director.Locator("[data-testid='blow-source']")).ToHaveTextAsync($"ticket:{ticket}");
        await Expect(director.Locator("[data-testid='blow-street']")).ToHaveTextAsync("宁海路街道");
        await Expect(director.Locator("[data-testid='blow-title']")).ToHaveValueAsync(new Regex("宁海路5号楼顶违建"));
        await director.Locator("[data-testid='level-WorkAdvance']").CheckAsync();
        await director.Locator("[data-testid='dept-chengguan']").CheckAsync();
        await director.Locator("[data-testid='dept-housing']").CheckAsync();
        await director.Locator("[data-testid='blow']").ClickAsync();

        var detail = director.Locator("[data-testid='whistle-detail']");
        await Expect(detail).ToBeVisibleAsync(Soon.Visible);
        var whistle = await detail.GetAttributeAsync("data-whistle");
        Assert.Equal($"/whistles/{whistle}", new Uri(director.Url).AbsolutePath);
        await Expect(detail.Locator("[data-testid='detail-level']")).ToHaveTextAsync("工作推进哨");
        await Expect(detail.Locator(".whistle-source")).ToContainTextAsync($"ticket:{ticket}");
        var link = (string dept) => detail.Locator($"[data-testid='summons-diagram'] [data-department='{dept}']");
        var stroke = (string dept) => detail.Locator($"g[data-link-id='summons-{dept}'] path").First;
        await Expect(link("chengguan")).ToHaveAttributeAsync("data-status", "waiting", Soon.Attribute);
        await Expect(link("housing")).ToHaveAttributeAsync("data-status", "waiting");

        // Each liaison sees the summons arrive on their own page and reports in.
        // Each liaison's grid row, found by its level cell (the grid puts no attributes on a <tr>), which says the report-in.
        var mine = (IPage page) => page.Locator($"tr:has([data-testid='liaison-whistle'][data-whistle='{whistle}'])");
        await Expect(mine(chengguan).Locator("[data-testid='liaison-whistle']")).ToHaveAttributeAsync("data-status", "waiting", Soon.Attribute);
        await Expect(mine(housing).Locator("[data-testid='liaison-whistle']")).ToHaveAttributeAsync("data-status", "waiting", Soon.Attribute);
        await ReportInAsync(mine(chengguan), "区城管局执法科已到场");
        await Expect(link("chengguan")).ToHaveAttributeAsync("data-status", "reported", Soon.Attribute);
        await Expect(stroke("chengguan")).ToHaveAttributeAsync("stroke", "#22c55e", Soon.Attribute);
        await Expect(link("housing")).ToHaveAttributeAsync("data-status", "waiting");
        await ReportInAsync(mine(housing), "区住建局质安科已到场");
        await Expect(link("housing")).ToHaveAttributeAsync("data-status", "reported", Soon.Attribute);
        await Expect(stroke("housing")).ToHaveAttributeAsync("stroke", "#22c55e", Soon.Attribute);
        // Both reported in before the deadline: on time, the whole score so far.
        await Expect(contribution("chengguan")).ToHaveTextAsync("20", Soon.ExactText);
        await Expect(contribution("housing")).ToHaveTextAsync("20", Soon.ExactText);

        // Chengguan's liaison reports what was done; the director verifies and closes.
        await mine(chengguan).Locator("[data-testid='feedback-text']").FillAsync("违建已于今日拆除，现场清理完毕");
        await mine(chengguan).Locator("[data-testid='feedback-text']").PressAsync("Tab");
        await mine(chengguan).Locator("[data-testid='feedback']").ClickAsync();
        var close = detail.Locator("[data-testid='close']");
        await Expect(close).ToBeVisibleAsync(Soon.Visible);
        await Expect(detail.Locator(".whistle-meta")).ToContainTextAsync("已反馈待核实");
        await detail.Locator("[data-testid='close-note']").FillAsync("现场核实：违建已拆除");
        await detail.Locator("[data-testid='close-note']").PressAsync("Tab");
        await close.ClickAsync();
        // A closed whistle leaves the liaisons' lists of open summonses.
        await Expect(mine(chengguan)).ToHaveCountAsync(0, Soon.Count);
        await Expect(mine(housing)).ToHaveCountAsync(0, Soon.Count);

        await RateAsync(detail, "chengguan", "90");
        await RateAsync(detail, "housing", "70");
        await detail.Locator("[data-testid='evaluate']").ClickAsync();
        await Expect(detail.Locator(".whistle-meta")).ToContainTextAsync("已评价", Soon.Text);
        // 0.2 × (0.8 × rating + 0.2 × 100% on time): the street's rating now counts.
        await Expect(contribution("chengguan")).ToHaveTextAsync("18.4", Soon.ExactText);
        await Expect(contribution("housing")).ToHaveTextAsync("15.2", Soon.ExactText);
        await Expect(district.Locator("tr[data-department='chengguan'] [data-testid='rating']")).ToContainTextAsync("90");

        // The whistle's history: every step in order, each with the person who took it.
        (string Type, string Actor)[] steps =
        [
            (EventTypes.WhistleBlown, Director), (EventTypes.WhistleDepartmentReported, Chengguan), (EventTypes.WhistleDepartmentReported, Housing),
            (EventTypes.WhistleResolved, Chengguan), (EventTypes.WhistleClosed, Director), (EventTypes.WhistleEvaluated, Director),
        ];
        var entries = detail.Locator("[data-testid='timeline'] li[data-timeline-type]");
        await Expect(entries).ToHaveCountAsync(steps.Length, Soon.Count);
        Assert.Equal(steps.Select(s => s.Type), await entries.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.timelineType)"));
        for (var i = 0; i < steps.Length; i++)
            await Expect(entries.Nth(i)).ToContainTextAsync(steps[i].Actor);

        Assert.Empty(await director.Locator(".form-error").AllAsync());
        foreach (var page in new[] { director, chengguan, housing, district })
            await BrowserApp.AssertNotReloadedAsync(page);
    }

    private static async Task ReportInAsync(ILocator item, string note)
    {
        await item.Locator("[data-testid='report-note']").FillAsync(note);
        await item.Locator("[data-testid='report-note']").PressAsync("Tab");
        await item.Locator("[data-testid='report-in']").ClickAsync();
        await Expect(item.Locator("[data-testid='liaison-whistle']")).ToHaveAttributeAsync("data-status", "reported", Soon.Attribute);
    }

    private static async Task RateAsync(ILocator detail, string department, string score)
    {
        var input = detail.Locator($"[data-testid='rating-{department}']");
        await Expect(input).ToBeVisibleAsync(Soon.Visible);
        await input.FillAsync(score);
        await input.PressAsync("Tab");
    }
}
