using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using CommandCenter.Core.Tests.Support;

namespace CommandCenter.Core.Tests.Reducing;

/// <summary>Every event type of the catalog, applied from a state where it is allowed, with the change it makes.</summary>
public sealed class ReducerAppliedTests
{
    public static TheoryData<string> EventTypeNames => new(EventTypes.Domain.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(EventTypeNames))]
    public void Apply_EveryEventTypeFromAnAllowedState_IsAppliedWithItsChange(string type)
    {
        Assert.True(Cases.TryGetValue(type, out var run), $"no applied case for '{type}': add one when adding an event type");
        var flow = new Flow();

        var (envelope, result, before) = run(flow);

        Assert.Equal(type, envelope.Type);
        Assert.Equal(OutcomeKind.Applied, result.Outcome);
        Assert.Null(result.Reason);
        Assert.NotEmpty(result.Changed);
        Assert.Equal(before.AppliedCount + 1, result.State.AppliedCount);
        Assert.True(result.State.Recent.Contains(envelope.Id));
    }

    private delegate (EventEnvelope Envelope, Reduction Result, DistrictState Before) Case(Flow flow);

    /// <summary>Applies the event under test and checks what it changed.</summary>
    private static (EventEnvelope, Reduction, DistrictState) Act(Flow flow, IEventPayload payload, Action<DistrictState, EventEnvelope> check,
        string street = Flow.Street, DateTimeOffset? at = null)
    {
        var before = flow.State;
        var envelope = flow.Next(payload, street, at);
        var result = flow.Apply(envelope);
        Assert.True(result.IsApplied, $"{envelope.Type} was {result.Outcome}: {result.Reason}");
        check(result.State, envelope);
        return (envelope, result, before);
    }

    private static readonly Dictionary<string, Case> Cases = new()
    {
        [EventTypes.IncidentReported] = flow =>
        {
            var id = Guid.NewGuid();
            var due = flow.Now.AddHours(2);
            return Act(flow, new IncidentReported(id, Flow.Grid(), "违章搭建", 1, "楼顶违章搭建彩钢房", "居民举报顶楼加盖", due, "网格员王芳"), (s, e) =>
            {
                var incident = s.Incidents[id];
                Assert.Equal(IncidentStatus.Reported, incident.Status);
                Assert.Equal((Flow.Street, Flow.Grid(), 1, "楼顶违章搭建彩钢房"), (incident.Street, incident.GridId, incident.Severity, incident.Title));
                Assert.Equal(e.OccurredAt, incident.ReportedAt);
                Assert.Equal(due, incident.DueAt);
                Assert.Equal(e.Id, incident.LastEventId);
            });
        },
        [EventTypes.IncidentAccepted] = flow =>
        {
            var id = flow.IncidentAt(IncidentStatus.Reported);
            return Act(flow, new IncidentAccepted(id, "已受理"), (s, _) => Assert.Equal(IncidentStatus.Accepted, s.Incidents[id].Status));
        },
        [EventTypes.IncidentAssigned] = flow =>
        {
            var id = flow.IncidentAt(IncidentStatus.Accepted);
            return Act(flow, new IncidentAssigned(id, "public-safety", "平安办刘洋"), (s, _) =>
            {
                Assert.Equal(IncidentStatus.Assigned, s.Incidents[id].Status);
                Assert.Equal("public-safety", s.Incidents[id].Body);
            });
        },
        [EventTypes.IncidentResolved] = flow =>
        {
            var id = flow.IncidentAt(IncidentStatus.Assigned);
            return Act(flow, new IncidentResolved(id, "已拆除"), (s, _) => Assert.Equal(IncidentStatus.Resolved, s.Incidents[id].Status));
        },
        [EventTypes.IncidentVerified] = flow =>
        {
            var id = flow.IncidentAt(IncidentStatus.Resolved);
            return Act(flow, new IncidentVerified(id), (s, _) => Assert.Equal(IncidentStatus.Verified, s.Incidents[id].Status));
        },
        [EventTypes.IncidentClosed] = flow =>
        {
            var id = flow.IncidentAt(IncidentStatus.Verified);
            return Act(flow, new IncidentClosed(id, "结案"), (s, e) =>
            {
                Assert.Equal(IncidentStatus.Closed, s.Incidents[id].Status);
                Assert.Equal(e.OccurredAt, s.Incidents[id].ClosedAt);
            });
        },
        [EventTypes.IncidentReopened] = flow =>
        {
            var id = flow.IncidentAt(IncidentStatus.Closed);
            return Act(flow, new IncidentReopened(id, "问题反弹"), (s, _) =>
            {
                Assert.Equal(IncidentStatus.Reopened, s.Incidents[id].Status);
                Assert.Null(s.Incidents[id].ClosedAt);
            });
        },
        [EventTypes.TicketReceived] = flow =>
        {
            var id = Guid.NewGuid();
            var due = flow.Now.AddDays(3);
            return Act(flow, new TicketReceived(id, "12345", "物业管理", "小区电梯长期故障无人维修", "139****0001", due, "华侨路某小区"), (s, e) =>
            {
                var ticket = s.Tickets[id];
                Assert.Equal(TicketStatus.Received, ticket.Status);
                Assert.Equal(("12345", "物业管理", "139****0001", due), (ticket.Channel, ticket.Category, ticket.CallerMasked, ticket.DueAt));
                Assert.Equal(e.OccurredAt, ticket.ReceivedAt);
            });
        },
        [EventTypes.TicketAssigned] = flow =>
        {
            var id = flow.TicketAt(TicketStatus.Received);
            return Act(flow, new TicketAssigned(id, "livelihood"), (s, _) =>
            {
                Assert.Equal(TicketStatus.Assigned, s.Tickets[id].Status);
                Assert.Equal("livelihood", s.Tickets[id].Body);
            });
        },
        [EventTypes.TicketFeedback] = flow =>
        {
            var id = flow.TicketAt(TicketStatus.Assigned);
            return Act(flow, new TicketFeedback(id, "已联系物业维修"), (s, _) => Assert.Equal(TicketStatus.Answered, s.Tickets[id].Status));
        },
        [EventTypes.TicketVerified] = flow =>
        {
            var id = flow.TicketAt(TicketStatus.Answered);
            return Act(flow, new TicketVerified(id, "市民确认已修好"), (s, _) => Assert.Equal(TicketStatus.Verified, s.Tickets[id].Status));
        },
        [EventTypes.TicketClosed] = flow =>
        {
            var id = flow.TicketAt(TicketStatus.Verified);
            return Act(flow, new TicketClosed(id), (s, e) =>
            {
                Assert.Equal(TicketStatus.Closed, s.Tickets[id].Status);
                Assert.Equal(e.OccurredAt, s.Tickets[id].ClosedAt);
            });
        },
        [EventTypes.TicketEvaluated] = flow =>
        {
            var id = flow.TicketAt(TicketStatus.Closed);
            return Act(flow, new TicketEvaluated(id, Satisfaction.BasicallySatisfied), (s, _) =>
            {
                Assert.Equal(TicketStatus.Evaluated, s.Tickets[id].Status);
                Assert.Equal(Satisfaction.BasicallySatisfied, s.Tickets[id].Satisfaction);
            });
        },
        [EventTypes.TicketReopened] = flow =>
        {
            var id = flow.TicketAt(TicketStatus.Evaluated, rating: Satisfaction.Dissatisfied);
            return Act(flow, new TicketReopened(id, "市民不满意"), (s, _) =>
            {
                var ticket = s.Tickets[id];
                Assert.Equal((TicketStatus.Reopened, 1), (ticket.Status, ticket.ReopenCount));
                Assert.Null(ticket.ClosedAt);
                Assert.Null(ticket.Satisfaction);
            });
        },
        [EventTypes.WhistleBlown] = flow =>
        {
            var id = Guid.NewGuid();
            var due = flow.Now.AddHours(2);
            var blow = new WhistleBlown(id, WhistleLevel.ToughProblem, "违建拆除攻坚", ["housing", "chengguan"], due, "历史遗留违建", "incident-123");
            var before = flow.State;
            var envelope = Flow.Envelope(blow, Flow.Street, flow.Now.AddMinutes(1), actor: new Actor("u-secretary", "street-director", Flow.Street));
            var result = flow.Apply(envelope);
            var whistle = result.State.Whistles[id];
            Assert.Equal((WhistleStatus.Blown, WhistleLevel.ToughProblem, due, "u-secretary"), (whistle.Status, whistle.Level, whistle.ReportDueAt, whistle.BlownBy));
            Assert.Equal(["housing", "chengguan"], whistle.Departments.Select(d => d.Department));
            Assert.All(whistle.Departments, d => Assert.Equal(ReportStatus.Waiting, d.Status));
            return (envelope, result, before);
        },
        [EventTypes.WhistleDepartmentReported] = flow =>
        {
            var id = flow.WhistleAt(WhistleStatus.Blown);
            return Act(flow, new WhistleDepartmentReported(id, "market", "市场监管所派员到场"), (s, e) =>
            {
                var market = s.Whistles[id].Departments.Single(d => d.Department == "market");
                Assert.Equal(e.OccurredAt, market.ReportedAt);
                Assert.Equal(ReportStatus.Waiting, s.Whistles[id].Departments.Single(d => d.Department == "chengguan").Status);
            });
        },
        [EventTypes.WhistleEscalated] = flow =>
        {
            var id = flow.WhistleAt(WhistleStatus.Blown);
            return Act(flow, new WhistleEscalated(id, WhistleLevel.District, "涉及多部门职责交叉，提请区领导协调"),
                (s, _) => Assert.Equal(WhistleLevel.District, s.Whistles[id].Level));
        },
        [EventTypes.WhistleResolved] = flow =>
        {
            var id = flow.WhistleAt(WhistleStatus.Blown);
            flow.Given(new WhistleDepartmentReported(id, "chengguan"));
            return Act(flow, new WhistleResolved(id, "已联合整治"), (s, _) => Assert.Equal(WhistleStatus.Resolved, s.Whistles[id].Status));
        },
        [EventTypes.WhistleClosed] = flow =>
        {
            var id = flow.WhistleAt(WhistleStatus.Resolved);
            return Act(flow, new WhistleClosed(id), (s, e) =>
            {
                Assert.Equal(WhistleStatus.Closed, s.Whistles[id].Status);
                Assert.Equal(e.OccurredAt, s.Whistles[id].ClosedAt);
            });
        },
        [EventTypes.WhistleEvaluated] = flow =>
        {
            var id = flow.WhistleAt(WhistleStatus.Closed);
            return Act(flow, new WhistleEvaluated(id, [new DepartmentRating("chengguan", 90), new DepartmentRating("market", 70)]), (s, _) =>
            {
                Assert.Equal(WhistleStatus.Evaluated, s.Whistles[id].Status);
                Assert.Equal([90, 70], s.Whistles[id].Departments.Select(d => d.Score));
            });
        },
        [EventTypes.DispatchCreated] = flow =>
        {
            var incident = flow.IncidentAt(IncidentStatus.Accepted);
            var id = Guid.NewGuid();
            var team = Flow.Team(index: 3);
            return Act(flow, new DispatchCreated(id, team, incident, "市场监管分局到场核查"), (s, e) =>
            {
                Assert.Equal((DispatchStatus.Created, team, incident), (s.Dispatches[id].Status, s.Dispatches[id].TeamId, s.Dispatches[id].IncidentId));
                Assert.Equal((TeamStatus.Dispatched, id), (s.Teams[team].Status, s.Teams[team].ActiveDispatchId));
            });
        },
        [EventTypes.DispatchAcknowledged] = flow =>
        {
            var id = flow.DispatchAt(DispatchStatus.Created);
            return Act(flow, new DispatchAcknowledged(id), (s, e) =>
            {
                Assert.Equal(DispatchStatus.Acknowledged, s.Dispatches[id].Status);
                Assert.Equal(e.OccurredAt, s.Dispatches[id].AcknowledgedAt);
                Assert.Equal(TeamStatus.Dispatched, s.Teams[Flow.Team()].Status);
            });
        },
        [EventTypes.DispatchEnRoute] = flow =>
        {
            var id = flow.DispatchAt(DispatchStatus.Acknowledged);
            return Act(flow, new DispatchEnRoute(id), (s, e) =>
            {
                Assert.Equal(DispatchStatus.EnRoute, s.Dispatches[id].Status);
                Assert.Equal(e.OccurredAt, s.Dispatches[id].EnRouteAt);
                Assert.Equal(TeamStatus.EnRoute, s.Teams[Flow.Team()].Status);
            });
        },
        [EventTypes.DispatchOnScene] = flow =>
        {
            var id = flow.DispatchAt(DispatchStatus.EnRoute);
            return Act(flow, new DispatchOnScene(id), (s, e) =>
            {
                Assert.Equal(DispatchStatus.OnScene, s.Dispatches[id].Status);
                Assert.Equal(e.OccurredAt, s.Dispatches[id].OnSceneAt);
                Assert.Equal(TeamStatus.OnScene, s.Teams[Flow.Team()].Status);
            });
        },
        [EventTypes.DispatchCompleted] = flow =>
        {
            var id = flow.DispatchAt(DispatchStatus.OnScene);
            return Act(flow, new DispatchCompleted(id, "责令整改，当场清理"), (s, e) =>
            {
                Assert.Equal((DispatchStatus.Completed, "责令整改，当场清理", (DateTimeOffset?)e.OccurredAt), (s.Dispatches[id].Status, s.Dispatches[id].Outcome, s.Dispatches[id].EndedAt));
                Assert.Equal((TeamStatus.Available, (Guid?)null), (s.Teams[Flow.Team()].Status, s.Teams[Flow.Team()].ActiveDispatchId));
            });
        },
        [EventTypes.DispatchCancelled] = flow =>
        {
            var id = flow.DispatchAt(DispatchStatus.Acknowledged);
            return Act(flow, new DispatchCancelled(id, "报警人撤销"), (s, _) =>
            {
                Assert.Equal((DispatchStatus.Cancelled, "报警人撤销"), (s.Dispatches[id].Status, s.Dispatches[id].Outcome));
                Assert.Equal((TeamStatus.Available, (Guid?)null), (s.Teams[Flow.Team()].Status, s.Teams[Flow.Team()].ActiveDispatchId));
            });
        },
        [EventTypes.TeamStatusChanged] = flow =>
            Act(flow, new TeamStatusChanged(Flow.Team(), TeamStatus.OffDuty, "轮休"), (s, _) => Assert.Equal(TeamStatus.OffDuty, s.Teams[Flow.Team()].Status)),
        [EventTypes.DeadlineMissed] = flow =>
        {
            var due = flow.Now.AddHours(1);
            var id = flow.IncidentAt(IncidentStatus.Assigned, dueAt: due);
            return Act(flow, new DeadlineMissed(DeadlineKind.Incident, id, due), (s, _) => Assert.True(s.Incidents[id].DeadlineMissed),
                at: due.AddSeconds(1));
        },
    };

    [Fact]
    public void Apply_TicketDeadlineMissedAfterDue_MarksTicket()
    {
        var flow = new Flow();
        var due = flow.Now.AddHours(1);
        var id = flow.TicketAt(TicketStatus.Assigned, dueAt: due);

        var result = flow.Apply(new DeadlineMissed(DeadlineKind.Ticket, id, due), at: due);

        Assert.True(result.IsApplied, result.Reason);
        Assert.True(result.State.Tickets[id].DeadlineMissed);
        Assert.Equal(TicketStatus.Assigned, result.State.Tickets[id].Status);
    }

    [Fact]
    public void Apply_WhistleReportDeadlineMissed_MarksOnlyThatDepartmentLate()
    {
        var flow = new Flow();
        var id = flow.WhistleAt(WhistleStatus.Blown);
        flow.Given(new WhistleDepartmentReported(id, "chengguan"));
        var due = flow.State.Whistles[id].ReportDueAt;

        var result = flow.Apply(new DeadlineMissed(DeadlineKind.WhistleReport, id, due, "market"), at: due.AddMinutes(5));

        Assert.True(result.IsApplied, result.Reason);
        var departments = result.State.Whistles[id].Departments;
        Assert.Equal(ReportStatus.Late, departments.Single(d => d.Department == "market").Status);
        Assert.Equal(ReportStatus.Reported, departments.Single(d => d.Department == "chengguan").Status);
    }

    [Fact]
    public void Apply_LateDepartmentReportsIn_IsRecordedAsReported()
    {
        var flow = new Flow();
        var id = flow.WhistleAt(WhistleStatus.Blown);
        var due = flow.State.Whistles[id].ReportDueAt;
        flow.Apply(new DeadlineMissed(DeadlineKind.WhistleReport, id, due, "market"), at: due.AddMinutes(1));

        var result = flow.Apply(new WhistleDepartmentReported(id, "market", "迟到报到"));

        Assert.True(result.IsApplied, result.Reason);
        var market = result.State.Whistles[id].Departments.Single(d => d.Department == "market");
        Assert.True(market.Missed);
        Assert.Equal(ReportStatus.Reported, market.Status);
    }

    [Fact]
    public void Apply_TeamBackFromOffDuty_IsAvailableAndCanBeDispatched()
    {
        var flow = new Flow();
        flow.Given(new TeamStatusChanged(Flow.Team(), TeamStatus.OffDuty));

        flow.Given(new TeamStatusChanged(Flow.Team(), TeamStatus.Available, "归队"));
        var dispatched = flow.Apply(new DispatchCreated(Guid.NewGuid(), Flow.Team()));

        Assert.True(dispatched.IsApplied, dispatched.Reason);
        Assert.Equal(TeamStatus.Dispatched, dispatched.State.Teams[Flow.Team()].Status);
    }

    [Fact]
    public void Apply_IncidentReassignedAndReopenedThenReassigned_FollowsTheLoop()
    {
        var flow = new Flow();
        var id = flow.IncidentAt(IncidentStatus.Assigned);
        flow.Given(new IncidentAssigned(id, "enforcement-bureau"));
        Assert.Equal("enforcement-bureau", flow.State.Incidents[id].Body);

        flow.Given(new IncidentResolved(id, "处理完毕"), new IncidentReopened(id, "复核不通过"), new IncidentAssigned(id, "city-management"));

        Assert.Equal((IncidentStatus.Assigned, "city-management"), (flow.State.Incidents[id].Status, flow.State.Incidents[id].Body));
    }

    [Fact]
    public void Apply_WhistleEscalatedWhileResolved_RaisesLevelAndKeepsStatus()
    {
        var flow = new Flow();
        var id = flow.WhistleAt(WhistleStatus.Resolved);

        var result = flow.Apply(new WhistleEscalated(id, WhistleLevel.ToughProblem, "反馈结果不理想"));

        Assert.True(result.IsApplied, result.Reason);
        Assert.Equal((WhistleStatus.Resolved, WhistleLevel.ToughProblem), (result.State.Whistles[id].Status, result.State.Whistles[id].Level));
    }
}
