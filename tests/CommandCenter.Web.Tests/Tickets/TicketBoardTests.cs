using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Bunit;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Tickets;
using CommandCenter.Web.Tests.Fakes;
using static CommandCenter.Web.Tests.Tickets.TicketEntries;
using static CommandCenter.Web.Tests.Fakes.MudForms;

namespace CommandCenter.Web.Tests.Tickets;

public sealed class TicketBoardTests
{
    /// <summary>Two overdue tickets, two due later, one closed; returned in the board's expected order, closed last.</summary>
    private static async Task<Guid[]> SeedAsync(PageBed bed)
    {
        Guid overdueMost = Guid.NewGuid(), overdue = Guid.NewGuid(), dueSoon = Guid.NewGuid(), dueLater = Guid.NewGuid(), closed = Guid.NewGuid();
        await bed.GivenAsync(
            Received(dueLater, Now.AddHours(-1), Now.AddHours(5), category: "物业管理", content: "电梯故障"),
            Received(overdue, Now.AddDays(-2), Now.AddHours(-1), content: "夜间施工噪音"),
            Received(dueSoon, Now.AddHours(-1), Now.AddHours(1), category: "市容环境", content: "垃圾满溢"),
            Received(overdueMost, Now.AddDays(-3), Now.AddDays(-2), content: "酒吧噪音"),
            Received(closed, Now.AddDays(-1), Now.AddDays(1), category: "市容环境", content: "小广告"),
            Event(new TicketAssigned(closed, "city-management"), Now.AddHours(-20)),
            Event(new TicketFeedback(closed, "已清除"), Now.AddHours(-10)),
            Event(new TicketVerified(closed, "市民满意"), Now.AddHours(-9)),
            Event(new TicketClosed(closed), Now.AddHours(-8)));
        return [overdueMost, overdue, dueSoon, dueLater, closed];
    }

    private static List<string> Rows(IRenderedComponent<TicketBoard> cut) =>
        [.. cut.FindAll("[data-testid='ticket-row']").Select(r => r.GetAttribute("data-ticket")!)];

    private static List<string> Ids(params Guid[] ids) => [.. ids.Select(i => i.ToString())];

    [Fact]
    public async Task Board_ThousandsOfTickets_CountsAllAndRendersOnlyTheRowsInView()
    {
        await using var bed = await PageBed.WithDatabaseAsync();
        await bed.GivenAsync([.. Enumerable.Range(0, 2_000).Select(i => Received(Guid.NewGuid(), Now.AddMinutes(-i), Now.AddHours(1 + i % 48)))]);

        var cut = bed.Ctx.Render<TicketBoard>();

        Assert.StartsWith("2000 ", cut.Find("[data-testid=ticket-count]").TextContent.Trim());
        // The virtualizer renders a first window (its size is only known in a browser); never the whole list.
        Assert.InRange(Rows(cut).Count, 1, 200);
    }

    [Fact]
    public async Task Board_DueColumnHeader_SortsByDueTime()
    {
        await using var bed = await PageBed.WithDatabaseAsync();
        var t = await SeedAsync(bed);
        var cut = bed.Ctx.Render<TicketBoard>();

        cut.FindAll("th").Single(th => th.TextContent.Contains("时限")).QuerySelector("[blazor\\:onclick], .sortable-column-header")!.Click();

        // Ascending happens to be the board's own order here (the overdue are the earliest due); descending is not.
        Assert.Equal(Ids(t[0], t[1], t[2], t[3]), Rows(cut));
        cut.FindAll("th").Single(th => th.TextContent.Contains("时限")).QuerySelector("[blazor\\:onclick], .sortable-column-header")!.Click();
        Assert.Equal(Ids(t[3], t[2], t[1], t[0]), Rows(cut));
    }

    [Fact]
    public async Task Board_OpenTickets_ListsOverdueFirstThenByDueTime()
    {
        await using var bed = await PageBed.WithDatabaseAsync();
        var t = await SeedAsync(bed);

        var cut = bed.Ctx.Render<TicketBoard>();

        Assert.Equal(Ids(t[0], t[1], t[2], t[3]), Rows(cut));
        Assert.Equal("true", cut.Find($"[data-testid='ticket-row'][data-ticket='{t[0]}']").GetAttribute("data-overdue"));
        Assert.Equal("false", cut.Find($"[data-testid='ticket-row'][data-ticket='{t[2]}']").GetAttribute("data-overdue"));
        Assert.Contains("超期 1小时0分", cut.Find($"[data-testid='countdown'][data-ticket='{t[1]}']").TextContent);
        Assert.Contains("剩余 5小时0分", cut.Find($"[data-testid='countdown'][data-ticket='{t[3]}']").TextContent);
    }

    [Fact]
    public async Task Board_Filters_NarrowByStatusCategoryOverdueAndText()
    {
        await using var bed = await PageBed.WithDatabaseAsync();
        var t = await SeedAsync(bed);
        var cut = bed.Ctx.Render<TicketBoard>();

        Assert.NotEmpty(cut.FindAll("[data-testid='filter-street']")); // a district-wide person chooses the street
        Choose(cut, "filter-status", Web.Tickets.TicketStatusFilter.All);
        Assert.Equal(Ids(t), Rows(cut));

        Choose(cut, "filter-category", "市容环境");
        Assert.Equal(Ids(t[2], t[4]), Rows(cut));

        Choose(cut, "filter-status", Web.Tickets.TicketStatusFilter.Closed);
        Assert.Equal(Ids(t[4]), Rows(cut));

        Choose(cut, "filter-category", "");
        Choose(cut, "filter-status", Web.Tickets.TicketStatusFilter.Open);
        cut.Find("[data-testid='filter-overdue'] input, input[data-testid='filter-overdue']").Change(true);
        Assert.Equal(Ids(t[0], t[1]), Rows(cut));

        cut.Find("[data-testid='filter-overdue'] input, input[data-testid='filter-overdue']").Change(false);
        cut.Find("[data-testid='filter-text'] input, input[data-testid='filter-text']").Input("电梯");
        Assert.Equal(Ids(t[3]), Rows(cut));

        cut.Find("[data-testid='filter-text'] input, input[data-testid='filter-text']").Input("");
        Choose(cut, "filter-street", "hunanlu");
        Assert.Empty(Rows(cut));
    }

    [Fact]
    public async Task Board_StreetDirector_SeesOnlyTheirStreetAndNoStreetChoice()
    {
        await using var bed = await PageBed.WithDatabaseAsync("director.ninghailu", Roles.StreetDirector, street: "ninghailu");
        Guid own = Guid.NewGuid(), other = Guid.NewGuid();
        await bed.GivenAsync(
            Received(own, Now.AddHours(-1), Now.AddHours(3)),
            Received(other, Now.AddHours(-1), Now.AddHours(2), street: "hunanlu"));

        var cut = bed.Ctx.Render<TicketBoard>();

        Assert.Equal(Ids(own), Rows(cut));
        Assert.Empty(cut.FindAll("[data-testid='filter-street']"));
        Assert.Contains("宁海路街道", cut.Find("[data-testid='own-street']").TextContent);
    }

    [Fact]
    public async Task Board_NewTicketInTheLog_AppearsWithoutReload()
    {
        await using var bed = await PageBed.WithDatabaseAsync();
        var t = await SeedAsync(bed);
        var cut = bed.Ctx.Render<TicketBoard>();
        var fresh = Guid.NewGuid();

        await bed.GivenAsync(Received(fresh, Now.AddMinutes(-1), Now.AddMinutes(30)));

        cut.WaitForAssertion(() => Assert.Equal(Ids(t[0], t[1], fresh, t[2], t[3]), Rows(cut)));
    }

    [Fact]
    public async Task Drawer_OpenTicket_ShowsItsFieldsWhistleLinkAndTimeline()
    {
        await using var bed = await PageBed.WithDatabaseAsync();
        var id = Guid.NewGuid();
        var received = Received(id, Now.AddHours(-2), Now.AddHours(22), content: "楼上深夜装修");
        var assigned = Event(new TicketAssigned(id, "enforcement-bureau"), Now.AddHours(-1), actor: new Actor("operator", ActorRoles.Operator));
        await bed.GivenAsync(received, assigned);
        await bed.RecordHistoryAsync(id, received, assigned);
        var cut = bed.Ctx.Render<TicketBoard>();

        cut.Find($"[data-testid='open-ticket'][data-ticket='{id}']").Click();

        var drawer = cut.Find("[data-testid='ticket-drawer']");
        Assert.Equal(id.ToString(), drawer.GetAttribute("data-ticket"));
        Assert.Equal("楼上深夜装修", cut.Find("[data-testid='drawer-content']").TextContent);
        Assert.Contains("宁海路街道 综合行政执法局", cut.Find("[data-testid='drawer-body']").TextContent);
        Assert.Contains("剩余", cut.Find("[data-testid='drawer-due']").TextContent);
        Assert.Equal($"/whistles/new?source=ticket%3A{id}&street=ninghailu", cut.Find("[data-testid='blow-whistle']").GetAttribute("href"));
        cut.WaitForAssertion(() =>
        {
            var steps = cut.FindAll("[data-testid='timeline'] li");
            Assert.Equal([EventTypes.TicketReceived, EventTypes.TicketAssigned], steps.Select(s => s.GetAttribute("data-timeline-type")));
            Assert.Contains("hotline-12345", steps[0].TextContent);
            Assert.Contains("operator · operator", steps[1].TextContent);
        });
    }

    [Fact]
    public async Task Assign_ChosenInTheSelect_SendsThatBodyAndClosingTheDrawerRemovesIt()
    {
        await using var bed = await PageBed.WithDatabaseAsync();
        var id = Guid.NewGuid();
        await bed.GivenAsync(Received(id, Now.AddHours(-1), Now.AddHours(3)));
        var cut = bed.Ctx.Render<TicketBoard>();
        cut.Find($"[data-testid='open-ticket'][data-ticket='{id}']").Click();
        Assert.Contains("mud-drawer--open", cut.Find("[data-testid='ticket-drawer']").ClassName);

        var select = cut.FindComponents<MudBlazor.MudSelect<string>>().Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), "assign-input"));
        await cut.InvokeAsync(() => select.Instance.SelectOption("city-management"));
        cut.Find("[data-testid='assign-submit']").Click();

        var assigned = Assert.IsType<TicketAssigned>(Assert.Single(await bed.AppendedAsync(EventTypes.TicketAssigned)).Payload);
        Assert.Equal((id, "city-management"), (assigned.TicketId, assigned.Body));
        cut.Find("[data-testid='close-drawer']").Click();
        Assert.Empty(cut.FindAll("[data-testid='ticket-drawer']"));
        Assert.Empty(cut.FindAll("[data-testid='ticket-actions']"));
    }

    [Fact]
    public async Task Rate_NothingChosen_SaysSoByTheChoicesAndAChoiceIsSent()
    {
        await using var bed = await PageBed.WithDatabaseAsync();
        var id = Guid.NewGuid();
        await bed.GivenAsync(Received(id, Now.AddDays(-1), Now.AddDays(1)),
            Event(new TicketAssigned(id, "city-management"), Now.AddHours(-20)),
            Event(new TicketFeedback(id, "已清除"), Now.AddHours(-10)),
            Event(new TicketVerified(id, "市民满意"), Now.AddHours(-9)),
            Event(new TicketClosed(id), Now.AddHours(-8)));
        // Opened by its link (the list shows open tickets by default).
        bed.Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/tickets?ticket={id}");
        var cut = bed.Ctx.Render<TicketBoard>();

        cut.Find("[data-testid='rate-submit']").Click();
        Assert.Contains("请选择市民的评价", cut.Find("[data-testid='action-rate'] .mud-input-helper-text.mud-input-error").TextContent);
        Assert.Empty(await bed.AppendedAsync(EventTypes.TicketEvaluated));

        cut.Find("[data-testid='rate-BasicallySatisfied']").Click();
        cut.Find("[data-testid='rate-submit']").Click();

        var rated = Assert.IsType<TicketEvaluated>(Assert.Single(await bed.AppendedAsync(EventTypes.TicketEvaluated)).Payload);
        Assert.Equal((id, Satisfaction.BasicallySatisfied), (rated.TicketId, rated.Satisfaction));
        Assert.Empty(cut.FindAll("[data-testid='action-rate'] .mud-input-helper-text.mud-input-error"));
    }

    [Fact]
    public async Task Assign_NothingChosen_SaysWhatIsMissingAndSendsNothing()
    {
        await using var bed = await PageBed.WithDatabaseAsync();
        var id = Guid.NewGuid();
        await bed.GivenAsync(Received(id, Now.AddHours(-1), Now.AddHours(3)));
        var cut = bed.Ctx.Render<TicketBoard>();
        cut.Find($"[data-testid='open-ticket'][data-ticket='{id}']").Click();

        cut.Find("[data-testid='assign-submit']").Click();

        // What was not chosen is said by the field, as its MudBlazor error text.
        Assert.Contains("请选择承办部门", cut.Find("[data-testid='action-assign'] .mud-input-helper-text.mud-input-error").TextContent);
        Assert.Single(await bed.Memory.ReadAfterAsync(LogPosition.Start, 10));
    }

    [Fact]
    public async Task Feedback_LogDown_ShowsTheReasonKeepsTheTextAndRetrySendsIt()
    {
        await using var bed = await PageBed.WithDatabaseAsync();
        var id = Guid.NewGuid();
        await bed.GivenAsync(Received(id, Now.AddHours(-2), Now.AddHours(3)), Event(new TicketAssigned(id, "city-management"), Now.AddHours(-1)));
        var cut = bed.Ctx.Render<TicketBoard>();
        cut.Find($"[data-testid='open-ticket'][data-ticket='{id}']").Click();
        bed.Log.FailAppends = true;

        cut.Find("[data-testid='feedback-input']").Change("已责令施工单位停止夜间作业");
        cut.Find("[data-testid='feedback-submit']").Click();

        cut.WaitForAssertion(() => Assert.Contains("未能记录，请重试", cut.Find("[data-testid='feedback-error']").TextContent));
        var snackbar = bed.Ctx.Services.GetRequiredService<MudBlazor.ISnackbar>();
        Assert.Equal("未能记录，请重试", Assert.Single(snackbar.ShownSnackbars).Message); // announced once, in words, without the exception's text
        Assert.Equal("已责令施工单位停止夜间作业", cut.Find("[data-testid='feedback-input']").GetAttribute("value"));
        Assert.Equal(2, (await bed.Memory.ReadAfterAsync(LogPosition.Start, 10)).Count);

        bed.Log.FailAppends = false;
        cut.Find("[data-testid='feedback-retry']").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='action-sent']")));
        Assert.Empty(cut.FindAll("[data-testid='feedback-error']"));
        Assert.Single(snackbar.ShownSnackbars); // a success adds none
        var sent = (await bed.Memory.ReadAfterAsync(LogPosition.Start, 10))[^1].Fields;
        Assert.Equal(EventTypes.TicketFeedback, sent[EnvelopeFields.Type]);
        Assert.Contains("已责令施工单位停止夜间作业", sent[EnvelopeFields.Data]);
        Assert.Contains("\"userId\":\"operator\"", sent[EnvelopeFields.Data]);
        await bed.CatchUpAsync();
        cut.WaitForAssertion(() => Assert.Equal("Answered", cut.Find($"[data-testid='ticket-row'][data-ticket='{id}']").GetAttribute("data-status")));
    }
}
