using CommandCenter.Core.EventLog;
using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.Web.Tests.Dispatches;

public sealed class DispatchBrowserTests
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Live = new() { Timeout = 10_000 };

    [Fact]
    public async Task Dispatch_AsDispatcher_FromTheQueueToCompletionWithEveryStepInTheIncidentsTimeline()
    {
        await using var app = await BrowserApp.StartAsync();
        var incident = Guid.NewGuid();
        await app.Services.GetRequiredService<IEventLog>().AppendAsync(
            [TestEvents.Incident(incident, 1, DateTimeOffset.UtcNow.AddMinutes(-3), title: "燃气管道泄漏")]);
        var team = TestEvents.Team(index: 1);
        var page = await app.SignedInAsync("dispatcher", "/dispatch", "[data-testid=dispatch]");

        // Two clicks: the incident, then an available team of its street.
        await page.Locator($"[data-testid=queue-row][data-incident='{incident}'] button").ClickAsync();
        await page.Locator($"[data-testid=dispatch-team][data-team='{team}']").ClickAsync();

        // The grid's row, found by its team cell (the grid puts no attributes on a <tr>).
        var row = page.Locator($"tr:has([data-testid=dispatch-row][data-team='{team}'])");
        var rowData = row.Locator("[data-testid=dispatch-row]");
        var teamRow = page.Locator($"[data-testid=team-row][data-team='{team}']");
        await Expect(rowData).ToHaveAttributeAsync("data-dispatch-status", "created", Live);
        await Expect(rowData).ToHaveAttributeAsync("data-incident", incident.ToString());
        await Expect(teamRow).ToHaveAttributeAsync("data-team-status", "dispatched", Live);
        await Expect(page.Locator($"[data-testid=queue-row][data-incident='{incident}']")).ToHaveCountAsync(0);
        await Expect(row.Locator("[data-testid=timer-created]")).Not.ToHaveTextAsync("—");

        await row.Locator("[data-testid=acknowledge]").ClickAsync();
        await Expect(rowData).ToHaveAttributeAsync("data-dispatch-status", "acknowledged", Live);
        await row.Locator("[data-testid=en-route]").ClickAsync();
        await Expect(rowData).ToHaveAttributeAsync("data-dispatch-status", "en-route", Live);
        await Expect(teamRow).ToHaveAttributeAsync("data-team-status", "en-route", Live);
        await row.Locator("[data-testid=on-scene]").ClickAsync();
        await Expect(rowData).ToHaveAttributeAsync("data-dispatch-status", "on-scene", Live);
        await Expect(teamRow).ToHaveAttributeAsync("data-team-status", "on-scene", Live);
        await row.Locator("[data-testid=complete]").ClickAsync();
        await page.Locator("[data-testid=outcome]").FillAsync("已关闭阀门，燃气公司抢修完毕");
        await page.Locator("[data-testid=confirm-complete]").ClickAsync();

        await Expect(row).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(teamRow).ToHaveAttributeAsync("data-team-status", "available", Live);
        // Back in the queue, waiting for its loop to go on (resolve, verify, close).
        await Expect(page.Locator($"[data-testid=queue-row][data-incident='{incident}']")).ToHaveCountAsync(1, new() { Timeout = 10_000 });

        var timeline = page.Locator($"[data-testid=incident-panel][data-incident='{incident}'] [data-testid=incident-timeline]");
        await Expect(timeline.Locator("[data-timeline-type='incident.reported']")).ToContainTextAsync("grid-app", new() { Timeout = 10_000 });
        foreach (var step in new[] { "dispatch.created", "dispatch.acknowledged", "dispatch.en-route", "dispatch.on-scene", "dispatch.completed" })
        {
            var entry = timeline.Locator($"[data-timeline-type='{step}']");
            await Expect(entry).ToHaveCountAsync(1, new() { Timeout = 10_000 });
            await Expect(entry).ToContainTextAsync("dispatcher");
        }
        await Expect(page.Locator($"[data-testid=incident-dispatch][data-dispatch-status='completed']")).ToContainTextAsync("已关闭阀门");
    }
}
