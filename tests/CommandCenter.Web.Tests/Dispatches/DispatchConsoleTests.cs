using AngleSharp.Dom;
using Bunit;
using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Dispatches;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static CommandCenter.Web.Tests.Fakes.MudForms;

namespace CommandCenter.Web.Tests.Dispatches;

/// <summary>The dispatch console against a real live state and command service on an in-memory log.</summary>
public sealed class DispatchConsoleTests
{
    private static readonly DateTimeOffset Noon = TestEvents.Noon;

    private static IRenderedComponent<MudBlazor.MudSelect<string>> StreetFilter(IRenderedComponent<DispatchPage> cut) =>
        cut.FindComponents<MudBlazor.MudSelect<string>>().Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), "street-filter"));

    private static string[] QueueIds(IRenderedComponent<DispatchPage> cut) =>
        [.. cut.FindAll("[data-testid=queue-row]").Select(r => r.GetAttribute("data-incident")!)];

    [Fact]
    public async Task Queue_OpenIncidents_MostSevereFirstThenOldestAndWithoutThoseOnDispatchOrClosed()
    {
        await using var bed = new PageBed();
        Guid routineOld = Guid.NewGuid(), severeNew = Guid.NewGuid(), severeOld = Guid.NewGuid(), middle = Guid.NewGuid(), onDispatch = Guid.NewGuid(), closed = Guid.NewGuid();
        await bed.GivenAsync(
            TestEvents.Incident(routineOld, 4, Noon.AddHours(-5)),
            TestEvents.Incident(severeNew, 1, Noon.AddMinutes(-5)),
            TestEvents.Incident(severeOld, 1, Noon.AddHours(-1)),
            TestEvents.Incident(middle, 2, Noon.AddHours(-2), street: "huaqiaolu"),
            TestEvents.Incident(onDispatch, 1, Noon.AddHours(-3)),
            TestEvents.Event(new DispatchCreated(Guid.NewGuid(), TestEvents.Team(), onDispatch), Noon.AddMinutes(-170)),
            TestEvents.Incident(closed, 1, Noon.AddHours(-4)),
            TestEvents.Event(new IncidentAccepted(closed), Noon.AddMinutes(-230)),
            TestEvents.Event(new IncidentAssigned(closed, "city-management"), Noon.AddMinutes(-229)),
            TestEvents.Event(new IncidentResolved(closed, "已处置"), Noon.AddMinutes(-228)),
            TestEvents.Event(new IncidentVerified(closed), Noon.AddMinutes(-227)),
            TestEvents.Event(new IncidentClosed(closed), Noon.AddMinutes(-226)));

        var cut = bed.Ctx.Render<DispatchPage>();

        Assert.Equal([severeOld.ToString(), severeNew.ToString(), middle.ToString(), routineOld.ToString()], QueueIds(cut));
        Choose(cut, "street-filter", "huaqiaolu");
        Assert.Equal([middle.ToString()], QueueIds(cut));
    }

    [Fact]
    public async Task Dispatch_IncidentThenTeam_SendsExactlyOneDispatchCreatedWithTheChosenTeam()
    {
        await using var bed = new PageBed();
        var incident = Guid.NewGuid();
        await bed.GivenAsync(TestEvents.Incident(incident, 2, Noon.AddMinutes(-10)));
        var team = TestEvents.Team(index: 2);
        var cut = bed.Ctx.Render<DispatchPage>();

        cut.Find($"[data-testid=queue-row][data-incident='{incident}'] button").Click();
        cut.Find($"[data-testid=dispatch-team][data-team='{team}']").Click();

        var created = Assert.Single(await bed.AppendedAsync(EventTypes.DispatchCreated));
        var payload = Assert.IsType<DispatchCreated>(created.Payload);
        Assert.Equal((team, (Guid?)incident), (payload.TeamId, payload.IncidentId));
        Assert.Equal(("ninghailu", "console", "dispatcher"), (created.Street, created.Source, created.Actor?.UserId));
        // Sent, not yet back from the log: out of the queue, shown as being dispatched.
        Assert.Empty(QueueIds(cut));
        Assert.Equal(team, cut.Find("[data-testid=sending]").GetAttribute("data-team"));

        await bed.TailAsync();

        cut.WaitForAssertion(() => Assert.Equal("created", cut.Find($"[data-testid=dispatch-row][data-team='{team}']").GetAttribute("data-dispatch-status")));
        Assert.Equal("dispatched", cut.Find($"[data-testid=team-row][data-team='{team}']").GetAttribute("data-team-status"));
    }

    [Fact]
    public async Task Dispatch_LostRaceInTheLog_ShowsWhyAtOnceAndPutsTheIncidentBackInTheQueue()
    {
        await using var bed = new PageBed();
        Guid mine = Guid.NewGuid(), theirs = Guid.NewGuid();
        await bed.GivenAsync(TestEvents.Incident(mine, 2, Noon.AddMinutes(-10)), TestEvents.Incident(theirs, 1, Noon.AddMinutes(-5)));
        var team = TestEvents.Team();
        var cut = bed.Ctx.Render<DispatchPage>();
        // Another operator's dispatch of the same team is already in the log; this instance's live state has not read it.
        var competing = Guid.NewGuid();
        bed.Memory.Append(EnvelopeWriter.ToFields(new DispatchCreated(competing, team, theirs), "ninghailu", "console", Noon));

        cut.Find($"[data-testid=queue-row][data-incident='{mine}'] button").Click();
        cut.Find($"[data-testid=dispatch-team][data-team='{team}']").Click();
        Assert.Empty(cut.FindAll("[data-testid=action-error]"));
        await bed.TailAsync();

        cut.WaitForAssertion(() =>
        {
            var lost = cut.Find("[data-testid=lost-race]");
            Assert.Contains("队伍已被派往其他任务", lost.TextContent);
            Assert.Contains($"is already on dispatch {competing}", lost.TextContent);
            Assert.Equal(mine.ToString(), lost.GetAttribute("data-incident"));
        });
        Assert.Contains(mine.ToString(), QueueIds(cut));
        Assert.Equal(mine.ToString(), cut.Find("[data-testid=incident-panel]").GetAttribute("data-incident"));
        Assert.Equal(competing, bed.Live.Current.State.Teams[team].ActiveDispatchId);
    }

    private static string[] DispatchIds(IRenderedComponent<DispatchPage> cut) =>
        [.. cut.FindAll("[data-testid=dispatch-row]").Select(r => r.GetAttribute("data-dispatch")!)];

    [Fact]
    public async Task Dispatches_SentColumnHeader_SortsBySendingTimeBothWays()
    {
        await using var bed = new PageBed();
        Guid[] incidents = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()], dispatches = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        await bed.GivenAsync([.. incidents.Select((id, i) => TestEvents.Incident(id, 2, Noon.AddMinutes(-30 + i))),
            .. dispatches.Select((id, i) => TestEvents.Event(new DispatchCreated(id, TestEvents.Team(index: i), incidents[i]), Noon.AddMinutes(-20 + 5 * i)))]);
        var cut = bed.Ctx.Render<DispatchPage>();
        var oldestFirst = dispatches.Select(d => d.ToString()).ToArray();
        Assert.Equal(oldestFirst, DispatchIds(cut)); // the list's own order

        IElement Header() => cut.Find("[data-testid=dispatches]").QuerySelectorAll("th").Single(th => th.TextContent.Contains("派单"))
            .QuerySelector("[blazor\\:onclick], .sortable-column-header")!;
        Header().Click();
        Assert.Equal(oldestFirst, DispatchIds(cut));
        Header().Click();
        Assert.Equal(oldestFirst.Reverse(), DispatchIds(cut));
    }

    [Fact]
    public async Task Timers_DispatchStages_TickEverySecondWhileThePageIsOpen()
    {
        await using var bed = new PageBed();
        Guid incident = Guid.NewGuid(), dispatch = Guid.NewGuid();
        await bed.GivenAsync(TestEvents.Incident(incident, 2, Noon.AddMinutes(-10)),
            TestEvents.Event(new DispatchCreated(dispatch, TestEvents.Team(), incident), Noon.AddSeconds(-65)),
            TestEvents.Event(new DispatchAcknowledged(dispatch), Noon.AddSeconds(-20)));
        var cut = bed.Ctx.Render<DispatchPage>();
        var of = $"[data-dispatch='{dispatch}']"; // each timer says whose it is: the grid's rows carry no attributes
        Assert.Equal("1:05", cut.Find($"[data-testid=timer-created]{of}").TextContent);
        Assert.Equal("0:20", cut.Find($"[data-testid=timer-acknowledged]{of}").TextContent);
        Assert.Equal("—", cut.Find($"[data-testid=timer-en-route]{of}").TextContent);

        bed.Time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal("1:06", cut.Find($"[data-testid=timer-created]{of}").TextContent));
        Assert.Equal("0:21", cut.Find($"[data-testid=timer-acknowledged]{of}").TextContent);

        // The one-second ticker, beside the timer MudBlazor's popover service (the filters' selects) keeps for the
        // circuit; the throttle's timer exists only once a render has had to wait.
        var ticking = bed.Clock.LiveTimers;
        await bed.GivenAsync(TestEvents.Event(new DispatchEnRoute(dispatch), Noon.AddSeconds(1)));
        Assert.Equal(ticking + 1, bed.Clock.LiveTimers);
        await bed.Ctx.DisposeComponentsAsync();
        // Disposed with the page: the ticker and the throttle's timer are gone; what is left is the popover service's,
        // ended with the circuit's services.
        Assert.Equal(ticking - 1, bed.Clock.LiveTimers);
        await ((IAsyncDisposable)bed.Ctx.Services.GetRequiredService<MudBlazor.IPopoverService>()).DisposeAsync();
        Assert.Equal(0, bed.Clock.LiveTimers);
    }

    [Fact]
    public async Task Complete_WithoutAnOutcome_IsRefusedOnThePageAndWithOneItIsSent()
    {
        await using var bed = new PageBed();
        Guid incident = Guid.NewGuid(), dispatch = Guid.NewGuid();
        await bed.GivenAsync(TestEvents.Incident(incident, 2, Noon.AddMinutes(-10)),
            TestEvents.Event(new DispatchCreated(dispatch, TestEvents.Team(), incident), Noon.AddMinutes(-9)),
            TestEvents.Event(new DispatchEnRoute(dispatch), Noon.AddMinutes(-8)),
            TestEvents.Event(new DispatchOnScene(dispatch), Noon.AddMinutes(-2)));
        var cut = bed.Ctx.Render<DispatchPage>();

        cut.Find($"[data-testid=complete][data-dispatch='{dispatch}']").Click();
        cut.Find("[data-testid=confirm-complete]").Click();
        Assert.Contains("请填写处置结果", cut.Find("[data-testid=action-error]").TextContent);
        Assert.Empty(await bed.AppendedAsync(EventTypes.DispatchCompleted));

        cut.Find("[data-testid=outcome]").Input("摊贩已劝离");
        cut.Find("[data-testid=confirm-complete]").Click();

        var completed = Assert.IsType<DispatchCompleted>(Assert.Single(await bed.AppendedAsync(EventTypes.DispatchCompleted)).Payload);
        Assert.Equal((dispatch, "摊贩已劝离"), (completed.DispatchId, completed.Outcome));
    }

    [Fact]
    public async Task Page_StreetDirector_SeesOnlyTheirStreetAndCannotChooseAnother()
    {
        await using var bed = new PageBed("director.ninghailu", Roles.StreetDirector, street: "ninghailu");
        Guid own = Guid.NewGuid(), other = Guid.NewGuid();
        await bed.GivenAsync(TestEvents.Incident(own, 3, Noon.AddMinutes(-10)), TestEvents.Incident(other, 1, Noon.AddMinutes(-10), street: "huaqiaolu"));

        var navigation = bed.Ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("street", "huaqiaolu"));

        var cut = bed.Ctx.Render<DispatchPage>();

        Assert.Equal([own.ToString()], QueueIds(cut));
        Assert.True(StreetFilter(cut).Instance.Disabled);
        Assert.Equal(["ninghailu"], cut.FindAll("[data-testid=team-board]").Select(b => b.GetAttribute("data-street")));
        Assert.All(cut.FindAll("[data-testid=team-row]"), t => Assert.StartsWith("ninghailu-", t.GetAttribute("data-team")));
    }

    [Fact]
    public async Task Duty_IdleTeam_IsPutOffDutyAndABusyTeamOffersNoSwitch()
    {
        await using var bed = new PageBed();
        var incident = Guid.NewGuid();
        await bed.GivenAsync(TestEvents.Incident(incident, 2, Noon.AddMinutes(-10)),
            TestEvents.Event(new DispatchCreated(Guid.NewGuid(), TestEvents.Team(), incident), Noon.AddMinutes(-9)));
        var cut = bed.Ctx.Render<DispatchPage>();
        Assert.Empty(cut.FindAll($"[data-testid=team-row][data-team='{TestEvents.Team()}'] [data-testid=team-duty]"));

        cut.Find($"[data-testid=team-row][data-team='{TestEvents.Team(index: 3)}'] [data-testid=team-duty]").Click();

        var change = Assert.IsType<TeamStatusChanged>(Assert.Single(await bed.AppendedAsync(EventTypes.TeamStatusChanged)).Payload);
        Assert.Equal((TestEvents.Team(index: 3), TeamStatus.OffDuty), (change.TeamId, change.Status));
        await bed.TailAsync();
        cut.WaitForAssertion(() => Assert.Equal("off-duty", cut.Find($"[data-testid=team-row][data-team='{TestEvents.Team(index: 3)}']").GetAttribute("data-team-status")));
    }

    [Fact]
    public async Task IncidentLoop_AcceptThenReopenWithoutReason_SendsTheAcceptAndRefusesTheReopenOnThePage()
    {
        await using var bed = new PageBed();
        Guid fresh = Guid.NewGuid(), resolved = Guid.NewGuid();
        await bed.GivenAsync(TestEvents.Incident(fresh, 2, Noon.AddMinutes(-10)), TestEvents.Incident(resolved, 3, Noon.AddMinutes(-50)),
            TestEvents.Event(new IncidentAccepted(resolved), Noon.AddMinutes(-40)),
            TestEvents.Event(new IncidentAssigned(resolved, "city-management"), Noon.AddMinutes(-39)),
            TestEvents.Event(new IncidentResolved(resolved, "已处置"), Noon.AddMinutes(-30)));
        var cut = bed.Ctx.Render<DispatchPage>();

        cut.Find($"[data-testid=queue-row][data-incident='{fresh}'] button").Click();
        Assert.Equal($"/whistles/new?source=incident:{fresh}&street=ninghailu", cut.Find("[data-testid=blow-whistle]").GetAttribute("href"));
        cut.Find("[data-testid=accept]").Click();
        cut.Find($"[data-testid=queue-row][data-incident='{resolved}'] button").Click();
        cut.Find("[data-testid=reopen]").Click();

        Assert.Equal(fresh, Assert.IsType<IncidentAccepted>(Assert.Single(await bed.AppendedAsync(EventTypes.IncidentAccepted)).Payload).IncidentId);
        Assert.Contains("请填写重启原因", cut.Find("[data-testid=action-error]").TextContent);
        cut.Find("[data-testid=reopen-reason]").Input("居民反映问题反弹");
        cut.Find("[data-testid=reopen]").Click();
        var reopened = Assert.IsType<IncidentReopened>(Assert.Single(await bed.AppendedAsync(EventTypes.IncidentReopened)).Payload);
        Assert.Equal((resolved, "居民反映问题反弹"), (reopened.IncidentId, reopened.Reason));
    }
}
