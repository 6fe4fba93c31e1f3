using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using CommandCenter.Core.Tests.Support;

namespace CommandCenter.Core.Tests.Reducing;

/// <summary>Escalation with a new report-in deadline, as the deadline watcher appends it, and late report-ins.</summary>
public sealed class ReducerEscalationTests
{
    private const string Watcher = "deadline-watcher";

    private static Reduction FromWatcher(Flow flow, IEventPayload payload, DateTimeOffset at)
    {
        flow.Now = at;
        var parsed = Flow.Parser.Parse(EnvelopeWriter.ToFields(payload, Flow.Street, Watcher, at));
        Assert.True(parsed.IsValid, parsed.Error);
        return flow.Apply(parsed.Envelope!);
    }

    private static Reduction Miss(Flow flow, Guid id, string department = "market")
    {
        var due = flow.State.Whistles[id].ReportDueAt;
        return FromWatcher(flow, new DeadlineMissed(DeadlineKind.WhistleReport, id, due, department), due.AddSeconds(30));
    }

    [Fact]
    public void Apply_EscalationWithNewDeadline_RaisesLevelAndMovesTheDeadline()
    {
        var flow = new Flow();
        var id = flow.WhistleAt(WhistleStatus.Blown);
        Assert.True(Miss(flow, id).IsApplied);
        var newDue = flow.Now.AddHours(1);

        var result = FromWatcher(flow, new WhistleEscalated(id, WhistleLevel.ToughProblem, "market missed", newDue), flow.Now);

        Assert.True(result.IsApplied, result.Reason);
        var whistle = result.State.Whistles[id];
        Assert.Equal((WhistleLevel.ToughProblem, newDue), (whistle.Level, whistle.ReportDueAt));
        Assert.Equal(ReportStatus.Late, whistle.Departments.Single(d => d.Department == "market").Status);
    }

    [Fact]
    public void Apply_NewDeadlineMissedAfterEscalation_IsRecordedAgain()
    {
        var flow = new Flow();
        var id = flow.WhistleAt(WhistleStatus.Blown);
        Miss(flow, id);
        FromWatcher(flow, new WhistleEscalated(id, WhistleLevel.ToughProblem, "market missed", flow.Now.AddHours(1)), flow.Now);

        var second = Miss(flow, id);
        var repeated = Miss(flow, id);

        Assert.True(second.IsApplied, second.Reason);
        Assert.Equal(flow.State.Whistles[id].ReportDueAt, flow.State.Whistles[id].Departments.Single(d => d.Department == "market").MissedDueAt);
        Assert.False(repeated.IsApplied);
        Assert.Equal("department 'market' is already marked late", repeated.Reason);
    }

    [Fact]
    public void Apply_EscalationWithDeadlineNotAfterIt_IsRejected()
    {
        var flow = new Flow();
        var id = flow.WhistleAt(WhistleStatus.Blown);

        var result = FromWatcher(flow, new WhistleEscalated(id, WhistleLevel.ToughProblem, "late", flow.Now), flow.Now.AddMinutes(1));

        Assert.False(result.IsApplied);
        Assert.Equal("the new report-in deadline must be after the escalation", result.Reason);
    }

    [Fact]
    public void Apply_EscalationBeyondDistrict_IsRejected()
    {
        var flow = new Flow();
        var id = flow.WhistleAt(WhistleStatus.Blown, level: WhistleLevel.ToughProblem);
        Assert.True(FromWatcher(flow, new WhistleEscalated(id, WhistleLevel.District, "late", flow.Now.AddHours(1)), flow.Now.AddMinutes(1)).IsApplied);

        var result = FromWatcher(flow, new WhistleEscalated(id, WhistleLevel.District, "late", flow.Now.AddHours(1)), flow.Now.AddMinutes(1));

        Assert.False(result.IsApplied);
        Assert.Contains("already district", result.Reason);
    }

    [Fact]
    public void Apply_ReportInAfterTheMiss_IsAllowedAndMarkedLate()
    {
        var flow = new Flow();
        var id = flow.WhistleAt(WhistleStatus.Blown);
        flow.Given(new WhistleDepartmentReported(id, "chengguan", "按时报到"));
        Miss(flow, id);

        var result = flow.Apply(new WhistleDepartmentReported(id, "market", "迟到报到"));

        Assert.True(result.IsApplied, result.Reason);
        var departments = result.State.Whistles[id].Departments;
        Assert.True(departments.Single(d => d.Department == "market").ReportedLate);
        Assert.False(departments.Single(d => d.Department == "chengguan").ReportedLate);
    }

    [Fact]
    public void Apply_EscalationWithoutDeadline_KeepsTheDeadline()
    {
        var flow = new Flow();
        var id = flow.WhistleAt(WhistleStatus.Blown);
        var due = flow.State.Whistles[id].ReportDueAt;

        var result = flow.Apply(new WhistleEscalated(id, WhistleLevel.District, "提请区领导协调"));

        Assert.True(result.IsApplied, result.Reason);
        Assert.Equal(due, result.State.Whistles[id].ReportDueAt);
    }
}
