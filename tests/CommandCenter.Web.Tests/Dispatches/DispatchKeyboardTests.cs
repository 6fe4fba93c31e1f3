using Bunit;
using CommandCenter.Core.Events;
using CommandCenter.Web.Dispatches;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace CommandCenter.Web.Tests.Dispatches;

/// <summary>The dispatcher's keys for the two-click dispatch, and the snackbars that announce what needs attention.</summary>
public sealed class DispatchKeyboardTests
{
    private static readonly DateTimeOffset Noon = TestEvents.Noon;

    [Fact]
    public async Task Keys_ArrowDownThenDigit_DispatchesThatAvailableTeamToTheChosenIncident()
    {
        await using var bed = new PageBed();
        Guid first = Guid.NewGuid(), second = Guid.NewGuid();
        await bed.GivenAsync(TestEvents.Incident(first, 1, Noon.AddMinutes(-30)), TestEvents.Incident(second, 2, Noon.AddMinutes(-10)));
        var cut = bed.Ctx.Render<DispatchPage>();
        var queue = cut.Find("[data-testid=queue-list]");

        queue.KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        queue.KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        var secondTeam = cut.FindAll("[data-testid=dispatch-team]")[1].GetAttribute("data-team");
        Assert.Equal("2", cut.FindAll("[data-testid=team-key]")[1].TextContent);
        cut.Find("[data-testid=queue-list]").KeyDown(new KeyboardEventArgs { Key = "2" });

        var created = Assert.IsType<DispatchCreated>(Assert.Single(await bed.AppendedAsync(EventTypes.DispatchCreated)).Payload);
        Assert.Equal((secondTeam, (Guid?)second), (created.TeamId, created.IncidentId));
    }

    [Fact]
    public async Task Keys_AfterSortingTheQueueByWaitingTime_ArrowDownFollowsTheOrderShown()
    {
        await using var bed = new PageBed();
        Guid severeNew = Guid.NewGuid(), routineOld = Guid.NewGuid();
        await bed.GivenAsync(TestEvents.Incident(severeNew, 1, Noon.AddMinutes(-5)), TestEvents.Incident(routineOld, 4, Noon.AddHours(-3)));
        var cut = bed.Ctx.Render<DispatchPage>();
        string[] Shown() => [.. cut.FindAll("[data-testid=queue-row]").Select(r => r.GetAttribute("data-incident")!)];
        Assert.Equal([severeNew.ToString(), routineOld.ToString()], Shown()); // the board's own order: the most severe first

        // Sorted by when they were reported (oldest first), the first ↓ picks the top row shown, not the most severe.
        cut.Find("[data-testid=queue]").QuerySelectorAll("th").Single(th => th.TextContent.Contains("已等待"))
            .QuerySelector("[blazor\\:onclick], .sortable-column-header")!.Click();
        Assert.Equal([routineOld.ToString(), severeNew.ToString()], Shown());
        cut.Find("[data-testid=queue-list]").KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });

        Assert.Equal(routineOld.ToString(), cut.Find("[data-testid=incident-panel]").GetAttribute("data-incident"));
    }

    [Fact]
    public async Task Queue_ThousandsOfOpenIncidents_RendersOnlyTheRowsInView()
    {
        await using var bed = new PageBed();
        await bed.GivenAsync([.. Enumerable.Range(0, 2_000).Select(i => TestEvents.Incident(Guid.NewGuid(), 1 + i % 4, Noon.AddMinutes(-i)))]);

        var cut = bed.Ctx.Render<DispatchPage>();

        Assert.Equal("2000", cut.Find("[data-testid=queue-count]").TextContent);
        // The virtualizer renders a first window (its size is only known in a browser); never the whole queue.
        Assert.InRange(cut.FindAll("[data-testid=queue-row]").Count, 1, 200);
    }

    [Fact]
    public async Task Keys_TypingADigitWithNoIncidentChosen_SendsNothing()
    {
        await using var bed = new PageBed();
        await bed.GivenAsync(TestEvents.Incident(Guid.NewGuid(), 2, Noon.AddMinutes(-10)));
        var cut = bed.Ctx.Render<DispatchPage>();

        cut.Find("[data-testid=queue-list]").KeyDown(new KeyboardEventArgs { Key = "1" });

        Assert.Empty(await bed.AppendedAsync(EventTypes.DispatchCreated));
    }

    [Fact]
    public async Task Snackbar_NewSeverityOneIncident_IsAnnouncedOnceAndOldOnesAreNot()
    {
        await using var bed = new PageBed();
        await bed.GivenAsync(TestEvents.Incident(Guid.NewGuid(), 1, Noon.AddMinutes(-30), title: "早已在队列的一级事件"));
        var cut = bed.Ctx.Render<DispatchPage>();
        var snackbar = bed.Ctx.Services.GetRequiredService<ISnackbar>();
        Assert.Empty(snackbar.ShownSnackbars);

        await bed.GivenAsync(TestEvents.Incident(Guid.NewGuid(), 1, Noon, title: "燃气泄漏"), TestEvents.Incident(Guid.NewGuid(), 3, Noon, title: "井盖缺失"));

        cut.WaitForAssertion(() => Assert.Contains("燃气泄漏", Assert.Single(snackbar.ShownSnackbars).Message));
        Assert.Equal(Severity.Error, snackbar.ShownSnackbars.Single().Severity);
    }
}
