using CommandCenter.Core.Events;
using CommandCenter.Core.State;
using CommandCenter.Core.Tests.Support;
using CommandCenter.Core.Whistles;

namespace CommandCenter.Core.Tests.Whistles;

public sealed class WhistleStagesTests
{
    [Fact]
    public void Count_WhistlesAlongTheLoop_EachInTheStageItStandsInWithLateOnes()
    {
        var flow = new Flow();
        var waiting = flow.NewWhistle(reportDueAt: flow.Now.AddHours(1));
        var reporting = flow.NewWhistle(reportDueAt: flow.Now.AddHours(5));
        flow.Given(new WhistleDepartmentReported(reporting, "chengguan", "已到场"));
        flow.WhistleAt(WhistleStatus.Resolved);
        flow.WhistleAt(WhistleStatus.Closed);
        flow.WhistleAt(WhistleStatus.Evaluated);
        var now = flow.Now.AddHours(2); // past the first whistle's deadline

        var counts = WhistleStages.Count(flow.State.Whistles.Values, now);

        Assert.Equal(WhistleStages.Loop, counts.Select(c => c.Stage));
        Assert.Equal([5, 1, 1, 1, 1, 1], counts.Select(c => c.Count));
        Assert.Equal([1, 1, 0, 0, 0, 0], counts.Select(c => c.Overdue));
        Assert.Equal(WhistleStage.Blown, WhistleStages.StandingIn(flow.State.Whistles[waiting]));
        Assert.Equal(WhistleStage.ReportingIn, WhistleStages.StandingIn(flow.State.Whistles[reporting]));
    }

    [Fact]
    public void Count_WhistlesOfYesterday_AreNotCollectedOrEvaluatedToday()
    {
        var flow = new Flow();
        flow.WhistleAt(WhistleStatus.Evaluated);
        flow.NewWhistle();

        var tomorrow = WhistleStages.Count(flow.State.Whistles.Values, flow.Now.AddDays(1));

        Assert.Equal([0, 1, 0, 0, 0, 0], tomorrow.Select(c => c.Count));
    }
}
