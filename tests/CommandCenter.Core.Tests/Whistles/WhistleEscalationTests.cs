using CommandCenter.Core.Events;
using CommandCenter.Core.Tests.Support;
using CommandCenter.Core.Whistles;

namespace CommandCenter.Core.Tests.Whistles;

public sealed class WhistleEscalationTests
{
    private static readonly ReportInTimes Times = new(TimeSpan.FromHours(2), TimeSpan.FromHours(1), TimeSpan.FromMinutes(30));

    [Fact]
    public void Find_DeadlinePassedWithDepartmentsWaiting_OneLevelUpWithTheNewLevelsTime()
    {
        var flow = new Flow();
        var id = flow.NewWhistle(reportDueAt: flow.Now.AddHours(1));
        var now = flow.Now.AddHours(1);

        var (escalation, street, eventId) = Assert.Single(WhistleEscalation.Find(flow.State, now, Times));

        Assert.Equal(new WhistleEscalated(id, WhistleLevel.ToughProblem, escalation.Reason, now + Times.ToughProblem), escalation);
        Assert.Contains("missed by chengguan, market", escalation.Reason);
        Assert.Equal(Flow.Street, street);
        Assert.Equal(eventId, Assert.Single(WhistleEscalation.Find(flow.State, now.AddMinutes(5), Times)).Id);
    }

    [Fact]
    public void Find_BeforeTheDeadlineAtDistrictLevelOrAllReported_NothingToEscalate()
    {
        var flow = new Flow();
        var due = flow.Now.AddHours(1);
        var waiting = flow.NewWhistle(reportDueAt: due);
        var tough = flow.NewWhistle(level: WhistleLevel.ToughProblem, reportDueAt: due);
        var district = flow.State.Whistles[tough];
        flow.State = flow.State with { Whistles = flow.State.Whistles.SetItem(district.Id, district with { Level = WhistleLevel.District }) };
        var reported = flow.NewWhistle(reportDueAt: due);
        flow.Given(new WhistleDepartmentReported(reported, "chengguan"), new WhistleDepartmentReported(reported, "market"));

        Assert.Empty(WhistleEscalation.Find(flow.State, due.AddTicks(-1), Times));
        Assert.Equal(waiting, Assert.Single(WhistleEscalation.Find(flow.State, due, Times)).Escalation.WhistleId);
    }

    [Fact]
    public void ReportInTimes_EachLevel_HasItsOwnTime()
    {
        Assert.Equal(TimeSpan.FromHours(2), ReportInTimes.Default.For(WhistleLevel.WorkAdvance));
        Assert.Equal(TimeSpan.FromHours(1), ReportInTimes.Default.For(WhistleLevel.ToughProblem));
        Assert.Equal(TimeSpan.FromMinutes(30), ReportInTimes.Default.For(WhistleLevel.District));
    }
}
