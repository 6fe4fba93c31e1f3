using CommandCenter.Web.Localization;
using Bunit;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.State;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Whistles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Whistles;

public sealed class WhistlePagesTests
{
    [Fact]
    public async Task Board_DirectorOfNinghailu_ListsOnlyTheStreetsWhistlesWithDepartmentStatus()
    {
        await using var page = PageBed.Director();
        var mine = page.Whistle("ninghailu", WhistleLevel.ToughProblem, "chengguan", "market");
        var theirs = page.Whistle("huaqiaolu", WhistleLevel.WorkAdvance, "housing");
        await page.CatchUpAsync();
        await page.GivenAsync("ninghailu", new WhistleDepartmentReported(mine, "chengguan"));

        var cut = page.Ctx.Render<WhistleBoard>();

        Assert.Equal("ToughProblem", cut.Find($"[data-testid=whistle-row][data-whistle='{mine}']").GetAttribute("data-level"));
        Assert.Equal("reported", cut.Find($"[data-whistle='{mine}'][data-department=chengguan]").GetAttribute("data-status"));
        Assert.Equal("waiting", cut.Find($"[data-whistle='{mine}'][data-department=market]").GetAttribute("data-status"));
        Assert.Contains("2:00:00", cut.Find($"[data-testid=countdown][data-whistle='{mine}']").TextContent); // the 2 h deadline, clock stopped at noon
        Assert.Empty(cut.FindAll($"[data-whistle='{theirs}']"));
    }

    private static List<string> Rows(IRenderedComponent<WhistleBoard> cut) =>
        [.. cut.FindAll("[data-testid=whistle-row]").Select(r => r.GetAttribute("data-whistle")!)];

    private static void ClickHeader(IRenderedComponent<WhistleBoard> cut, string title) =>
        cut.FindAll("th").Single(th => th.TextContent.Contains(title)).QuerySelector("[blazor\\:onclick], .sortable-column-header")!.Click();

    [Fact]
    public async Task Board_LevelColumnHeader_SortsByLevelBothWays()
    {
        await using var page = PageBed.Director();
        var advance = page.Whistle("ninghailu", WhistleLevel.WorkAdvance, "housing");
        var tough = page.Whistle("ninghailu", WhistleLevel.ToughProblem, "chengguan");
        var advanceLater = page.Whistle("ninghailu", WhistleLevel.WorkAdvance, "market");
        await page.CatchUpAsync();
        var cut = page.Ctx.Render<WhistleBoard>();
        Assert.Equal(tough.ToString(), Rows(cut)[0]); // the board's own order: the toughest first

        ClickHeader(cut, "级别");
        Assert.Equal(tough.ToString(), Rows(cut)[^1]);
        Assert.Equal(new[] { advance, advanceLater }.Select(g => g.ToString()).Order(), Rows(cut)[..2].Order());
        ClickHeader(cut, "级别");
        Assert.Equal(tough.ToString(), Rows(cut)[0]);
    }

    [Fact]
    public async Task Board_ThousandsOfWhistles_RendersOnlyTheRowsInView()
    {
        await using var page = PageBed.Director();
        for (var i = 0; i < 2_000; i++) page.Whistle("ninghailu", WhistleLevel.WorkAdvance, "chengguan");
        await page.CatchUpAsync();

        var cut = page.Ctx.Render<WhistleBoard>();

        // The virtualizer renders a first window (its size is only known in a browser); never the whole list.
        Assert.InRange(Rows(cut).Count, 1, 200);
    }

    [Fact]
    public async Task Board_ToughProblemWhistleBlownAfterOpening_IsAnnouncedOnceInASnackbar()
    {
        await using var page = PageBed.Director();
        page.Whistle("ninghailu", WhistleLevel.ToughProblem, "chengguan");
        await page.CatchUpAsync();
        var cut = page.Ctx.Render<WhistleBoard>();
        var snackbar = page.Ctx.Services.GetRequiredService<MudBlazor.ISnackbar>();

        page.Whistle("ninghailu", WhistleLevel.ToughProblem, "market");
        page.Whistle("ninghailu", WhistleLevel.WorkAdvance, "housing");
        page.Whistle("huaqiaolu", WhistleLevel.ToughProblem, "housing");
        await page.CatchUpAsync();

        // Only the new tough-problem whistle of the director's own street: not the old one, a work-advance one, another street's.
        cut.WaitForAssertion(() => Assert.Contains("攻坚克难哨", Assert.Single(snackbar.ShownSnackbars).Message));
    }

    [Fact]
    public async Task Board_WhistleReportedInAfterRender_RowTurnsReportedLive()
    {
        await using var page = PageBed.Director();
        var id = page.Whistle("ninghailu", WhistleLevel.WorkAdvance, "chengguan");
        await page.CatchUpAsync();
        var cut = page.Ctx.Render<WhistleBoard>(p => p.Add(c => c.Id, id));
        Assert.Equal("waiting", cut.Find($"[data-whistle='{id}'][data-department=chengguan]").GetAttribute("data-status"));

        await page.GivenAsync("ninghailu", new WhistleDepartmentReported(id, "chengguan"));
        page.Time.Advance(TimeSpan.FromSeconds(1)); // the page's render tick

        cut.WaitForAssertion(() =>
            Assert.Equal("reported", cut.Find($"[data-whistle='{id}'][data-department=chengguan]").GetAttribute("data-status")));
        Assert.Equal(id.ToString(), cut.Find("[data-testid=whistle-detail]").GetAttribute("data-whistle"));
    }

    [Fact]
    public async Task Board_DeadlinePassed_DepartmentShowsOverdue()
    {
        await using var page = PageBed.Director();
        var id = page.Whistle("ninghailu", WhistleLevel.WorkAdvance, "market");
        await page.CatchUpAsync();
        page.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(5));

        var cut = page.Ctx.Render<WhistleBoard>();

        Assert.Equal("overdue", cut.Find($"[data-whistle='{id}'][data-department=market]").GetAttribute("data-status"));
        Assert.Contains("报到已超时", cut.Find($"[data-testid=countdown][data-whistle='{id}']").TextContent);
    }

    [Fact]
    public async Task Blow_StreetLeader_IsOfferedWorkAdvanceOnly()
    {
        await using var page = PageBed.Leader();
        await page.CatchUpAsync();

        var cut = page.Ctx.Render<BlowWhistle>();

        Assert.NotEmpty(cut.FindAll("[data-testid=level-WorkAdvance]"));
        Assert.Empty(cut.FindAll("[data-testid=level-ToughProblem]"));
    }

    [Fact]
    public async Task Blow_StreetDirector_IsOfferedBothLevels()
    {
        await using var page = PageBed.Director();
        await page.CatchUpAsync();

        var cut = page.Ctx.Render<BlowWhistle>();

        Assert.NotEmpty(cut.FindAll("[data-testid=level-WorkAdvance]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=level-ToughProblem]"));
        Assert.Empty(cut.FindAll("[data-testid=level-District]"));
    }

    [Theory]
    [InlineData("Operator")]
    [InlineData("DistrictLeader")]
    [InlineData("DepartmentLiaison")]
    public async Task Blow_RoleOutsideStreetLeadership_IsToldItCannot(string role)
    {
        await using var page = new PageBed("someone", role, department: role == "DepartmentLiaison" ? "housing" : null);
        await page.CatchUpAsync();
        page.UseCulture(Cultures.English);

        var cut = page.Ctx.Render<BlowWhistle>();

        Assert.Contains("Only a street's leadership", cut.Find("[data-testid=cannot-blow]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=blow-form]"));
    }

    [Fact]
    public async Task Blow_FromATicketWithAnEmojiAtTheCutAndAPhone_PrefillsWholeCharactersMaskedAndSends()
    {
        await using var page = PageBed.Director();
        var ticket = Guid.NewGuid();
        // "违法建设：" is 5 UTF-16 units; 193 more put the emoji's two units across the title's 199-unit cut.
        var content = new string('违', 193) + "😀拨打0086 139 1234 0001联系";
        page.Memory.Append(TestEvents.TicketReceived(TestEvents.Noon, ticketId: ticket, content: content, category: "违法建设"));
        await page.CatchUpAsync();
        page.Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/whistles/new?source=ticket:{ticket}&street=ninghailu");

        var cut = page.Ctx.Render<BlowWhistle>();
        var title = cut.Find("[data-testid=blow-title]").GetAttribute("value")!;
        Assert.Equal("违法建设：" + new string('违', 193) + "…", title);
        Assert.Contains("139****0001", cut.Find("[data-testid=blow-description]").GetAttribute("value") ?? cut.Find("[data-testid=blow-description]").TextContent);
        cut.Find("[data-testid=dept-chengguan]").Change(true);
        cut.Find("[data-testid=blow-form]").Submit();

        var entry = (await page.Memory.ReadAfterAsync(LogPosition.Start, 10)).Last();
        Assert.Equal(EventTypes.WhistleBlown, entry.Fields[EnvelopeFields.Type]);
        var blown = Assert.IsType<WhistleBlown>(new EnvelopeParser(Core.Reference.DistrictModel.Gulou).Parse(entry.Fields).Envelope!.Payload);
        Assert.Equal(title, blown.Title);
        Assert.DoesNotContain("1234 0001", blown.Description);
    }

    [Fact]
    public async Task Blow_FromATicket_PrefillsTitleAndSendsWhistleWithSourceAndConfiguredDeadline()
    {
        await using var page = PageBed.Director();
        var ticket = Guid.NewGuid();
        page.Memory.Append(TestEvents.TicketReceived(TestEvents.Noon, ticketId: ticket, content: "小区门口违建长期未拆", category: "违法建设"));
        await page.CatchUpAsync();
        var nav = page.Ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo($"/whistles/new?source=ticket:{ticket}&street=ninghailu");

        var cut = page.Ctx.Render<BlowWhistle>();
        Assert.Equal("违法建设：小区门口违建长期未拆", cut.Find("[data-testid=blow-title]").GetAttribute("value"));
        cut.Find("[data-testid=level-ToughProblem]").Click();
        cut.Find("[data-testid=dept-chengguan]").Change(true);
        cut.Find("[data-testid=blow-form]").Submit();

        var entry = (await page.Memory.ReadAfterAsync(LogPosition.Start, 10)).Last();
        Assert.Equal(EventTypes.WhistleBlown, entry.Fields[EnvelopeFields.Type]);
        var parsed = new EnvelopeParser(Core.Reference.DistrictModel.Gulou).Parse(entry.Fields).Envelope!;
        var blown = Assert.IsType<WhistleBlown>(parsed.Payload);
        Assert.Equal((WhistleLevel.ToughProblem, $"ticket:{ticket}", "ninghailu"), (blown.Level, blown.SourceRef, parsed.Street));
        Assert.Equal(["chengguan"], blown.Departments);
        Assert.Equal(TestEvents.Noon.AddHours(1), blown.ReportDueAt); // Whistles:ReportIn:ToughProblem default
        Assert.EndsWith($"/whistles/{blown.WhistleId}", nav.Uri);
    }

    [Fact]
    public async Task Blow_NoTitleAndNoDepartment_SaysSoByEachFieldAndSendsNothing()
    {
        await using var page = PageBed.Director();
        await page.CatchUpAsync();
        page.Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/whistles/new?street=ninghailu");
        var cut = page.Ctx.Render<BlowWhistle>();
        var before = (await page.Memory.ReadAfterAsync(LogPosition.Start, 10)).Count;

        cut.Find("[data-testid=blow-form]").Submit();

        // Each problem as MudBlazor's error text under its own field, not as a refusal of the whole form.
        var titleField = cut.Find("[data-testid=blow-title]").Closest(".mud-input-control")!;
        Assert.Contains("请填写事项", titleField.QuerySelector(".mud-input-helper-text.mud-input-error")!.TextContent);
        Assert.Contains("请至少召集一个部门", cut.Find("[data-testid=blow-departments-error]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=blow-error]"));
        Assert.Equal(before, (await page.Memory.ReadAfterAsync(LogPosition.Start, 10)).Count);

        cut.Find("[data-testid=blow-title]").Change("宁海路小区加装电梯管线迁移");
        cut.Find("[data-testid=dept-chengguan]").Change(true);

        Assert.Empty(cut.FindAll("[data-testid=blow-departments-error]"));
        Assert.Null(cut.Find("[data-testid=blow-title]").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text.mud-input-error"));
    }

    [Fact]
    public async Task Blow_ForAnotherStreet_IsRefusedOnThePage()
    {
        await using var page = PageBed.Director();
        await page.CatchUpAsync();
        page.Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/whistles/new?street=huaqiaolu");
        page.UseCulture(Cultures.English);

        var cut = page.Ctx.Render<BlowWhistle>();

        Assert.Contains("cannot blow a whistle for 'huaqiaolu'", cut.Find("[data-testid=cannot-blow]").TextContent);
    }

    [Fact]
    public async Task Liaison_SeesOnlyWhistlesSummoningTheirDepartment_AndReportsIn()
    {
        await using var page = PageBed.Liaison("chengguan");
        var summoning = page.Whistle("ninghailu", WhistleLevel.WorkAdvance, "chengguan", "market");
        var other = page.Whistle("ninghailu", WhistleLevel.WorkAdvance, "housing");
        var elsewhere = page.Whistle("huaqiaolu", WhistleLevel.ToughProblem, "chengguan");
        await page.CatchUpAsync();

        var cut = page.Ctx.Render<LiaisonPage>();

        Assert.Equal(2, cut.FindAll("[data-testid=liaison-whistle]").Count);
        Assert.Empty(cut.FindAll($"[data-whistle='{other}']"));
        Assert.NotEmpty(cut.FindAll($"[data-testid=liaison-whistle][data-whistle='{elsewhere}']"));
        cut.Find($"[data-testid=whistle-actions][data-whistle='{summoning}'] [data-testid=report-note]").Change("执法科已到场");
        cut.Find($"[data-testid=whistle-actions][data-whistle='{summoning}'] [data-testid=report-in]").Click();
        await page.CatchUpAsync();
        page.Time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal("reported", cut.Find($"[data-testid=liaison-whistle][data-whistle='{summoning}']").GetAttribute("data-status")));
        var chengguan = page.Live.Current.State.Whistles[summoning].Departments.Single(d => d.Department == "chengguan");
        Assert.NotNull(chengguan.ReportedAt);
    }

    [Fact]
    public async Task Board_LiaisonOfHousing_DoesNotSeeWhistlesThatDidNotSummonHousing()
    {
        await using var page = PageBed.Liaison("housing");
        var notHousing = page.Whistle("ninghailu", WhistleLevel.WorkAdvance, "chengguan");
        await page.CatchUpAsync();

        var board = page.Ctx.Render<WhistleBoard>(p => p.Add(c => c.Id, notHousing));

        Assert.Empty(board.FindAll($"[data-testid=whistle-row][data-whistle='{notHousing}']"));
        Assert.NotEmpty(board.FindAll("[data-testid=whistle-missing]"));
        Assert.Empty(board.FindAll("[data-testid=report-in]"));
    }

    [Fact]
    public async Task Actions_RefusedCommand_ShowsReasonAndKeepsTheTypedText()
    {
        await using var page = PageBed.Director();
        var id = page.Whistle("ninghailu", WhistleLevel.WorkAdvance, "chengguan");
        await page.CatchUpAsync();
        var cut = page.Ctx.Render<WhistleBoard>(p => p.Add(c => c.Id, id));
        await page.GivenAsync("ninghailu", new WhistleDepartmentReported(id, "chengguan"));
        // Someone else gives feedback first, within the page's render interval, so the director still sees the form:
        // the director's own attempt is then not possible.
        cut.Find("[data-testid=feedback-text]").Change("联合现场办公，问题已解决");
        await page.GivenAsync("ninghailu", new WhistleResolved(id, "已处理"));

        cut.Find("[data-testid=feedback]").Click();

        Assert.Contains("当前状态不允许", cut.Find("[data-testid=action-error]").TextContent);
        Assert.Equal("联合现场办公，问题已解决", cut.Find("[data-testid=feedback-text]").GetAttribute("value"));
        Assert.NotEmpty(cut.FindAll("[data-testid=retry]"));
        // Announced in a snackbar too, by the refusal's code in the page's words: not the reducer's English reason.
        var shown = Assert.Single(page.Ctx.Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars);
        Assert.Equal("当前状态不允许", shown.Message);
    }

    [Fact]
    public async Task Actions_EvaluateWithARatingMissing_SaysSoByThatDepartmentsFieldAndSendsNothing()
    {
        await using var page = PageBed.Director();
        var id = page.Whistle("ninghailu", WhistleLevel.WorkAdvance, "chengguan", "market");
        await page.CatchUpAsync();
        await page.GivenAsync("ninghailu", new WhistleDepartmentReported(id, "chengguan"), new WhistleDepartmentReported(id, "market"),
            new WhistleResolved(id, "已处理"), new WhistleClosed(id));
        var cut = page.Ctx.Render<WhistleBoard>(p => p.Add(c => c.Id, id));

        cut.Find("[data-testid=rating-chengguan]").Change("92");
        cut.Find("[data-testid=evaluate]").Click();

        var market = cut.Find("[data-testid=rating-market]").Closest(".mud-input-control")!;
        Assert.Contains("请填写 0–100 的分数", market.QuerySelector(".mud-input-helper-text.mud-input-error")!.TextContent);
        Assert.Null(cut.Find("[data-testid=rating-chengguan]").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text.mud-input-error"));
        Assert.Empty(cut.FindAll("[data-testid=action-error]"));
        Assert.Empty(cut.FindAll("[data-testid=retry]"));
        Assert.Empty(await page.AppendedAsync(EventTypes.WhistleEvaluated));
    }

    [Fact]
    public async Task Actions_DirectorEvaluatesClosedWhistle_SendsEachDepartmentsScore()
    {
        await using var page = PageBed.Director();
        var id = page.Whistle("ninghailu", WhistleLevel.WorkAdvance, "chengguan", "market");
        await page.CatchUpAsync();
        await page.GivenAsync("ninghailu", new WhistleDepartmentReported(id, "chengguan"), new WhistleDepartmentReported(id, "market"),
            new WhistleResolved(id, "已处理"), new WhistleClosed(id));
        var cut = page.Ctx.Render<WhistleBoard>(p => p.Add(c => c.Id, id));

        cut.Find("[data-testid=rating-chengguan]").Change("92");
        cut.Find("[data-testid=rating-market]").Change("75");
        cut.Find("[data-testid=evaluate]").Click();
        await page.CatchUpAsync();

        var whistle = page.Live.Current.State.Whistles[id];
        Assert.Equal(WhistleStatus.Evaluated, whistle.Status);
        Assert.Equal([92, 75], whistle.Departments.Select(d => d.Score));
    }

    [Fact]
    public async Task Scoreboard_RatedAndLateDepartments_ShowsScoreAndTwentyPercentContribution()
    {
        await using var page = PageBed.Director();
        var id = page.Whistle("ninghailu", WhistleLevel.WorkAdvance, "chengguan", "market");
        await page.CatchUpAsync();
        var due = page.Live.Current.State.Whistles[id].ReportDueAt;
        await page.GivenAsync("ninghailu", new WhistleDepartmentReported(id, "chengguan"));
        page.Time.Advance(TimeSpan.FromHours(3));
        await page.GivenAsync("ninghailu", new DeadlineMissed(DeadlineKind.WhistleReport, id, due, "market"),
            new WhistleDepartmentReported(id, "market"), new WhistleResolved(id, "已处理"), new WhistleClosed(id),
            new WhistleEvaluated(id, [new DepartmentRating("chengguan", 90), new DepartmentRating("market", 80)]));

        var cut = page.Ctx.Render<ScoreboardPage>();

        // chengguan: 0.8 × 90 + 0.2 × 100 = 92 → 18.4; market: 0.8 × 80 + 0.2 × 0 = 64 → 12.8.
        var chengguan = cut.Find("tr[data-department=chengguan]");
        Assert.Equal("92", chengguan.QuerySelector("[data-testid=score]")!.TextContent);
        Assert.Equal("18.4", chengguan.QuerySelector("[data-testid=contribution]")!.TextContent);
        var market = cut.Find("tr[data-department=market]");
        Assert.Equal("64", market.QuerySelector("[data-testid=score]")!.TextContent);
        Assert.Equal("12.8", market.QuerySelector("[data-testid=contribution]")!.TextContent);
        Assert.Equal("0%", market.QuerySelector("[data-testid=punctuality]")!.TextContent);
        Assert.Contains("0.2 × 得分", cut.Find("[data-testid=formula]").TextContent);
        Assert.Equal("—", cut.Find("tr[data-department=housing] [data-testid=score]").TextContent);
    }

    [Fact]
    public async Task Board_StageLoop_CountsWhistlesPerStageWithLateOnes()
    {
        await using var page = PageBed.Director();
        page.Whistle("ninghailu", WhistleLevel.WorkAdvance, "chengguan");
        var reporting = page.Whistle("ninghailu", WhistleLevel.WorkAdvance, "chengguan", "market");
        await page.CatchUpAsync();
        await page.GivenAsync("ninghailu", new WhistleDepartmentReported(reporting, "chengguan"));
        page.Time.Advance(TimeSpan.FromHours(3));
        await page.CatchUpAsync();

        var cut = page.Ctx.Render<WhistleBoard>();

        var stages = cut.FindAll("[data-testid=stage-loop] [data-stage]");
        Assert.Equal(6, stages.Count);
        Assert.Equal("1", stages[1].QuerySelector("[data-testid=stage-count]")!.TextContent);
        Assert.Contains("1", stages[1].QuerySelector("[data-testid=stage-overdue]")!.TextContent);
        Assert.Equal("1", stages[2].QuerySelector("[data-testid=stage-count]")!.TextContent);
    }
}
