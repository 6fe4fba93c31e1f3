using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using CommandCenter.Core.Tests.Support;

namespace CommandCenter.Core.Tests.Reducing;

/// <summary>
/// Every transition the reducer refuses: the outcome is Rejected, the reason names what is wrong, nothing but the
/// seen-id window changes, and a re-sent copy of the rejected envelope is a Duplicate.
/// </summary>
public sealed class ReducerRejectedTests
{
    /// <param name="Reason">A fragment the reason must contain: the rule in words, with the entity it concerns.</param>
    internal sealed record Rejection(IEventPayload Event, string Reason, string Street = Flow.Street, DateTimeOffset? At = null);

    public static TheoryData<string> CaseNames => new(Cases.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Apply_InvalidTransition_IsRejectedWithReasonAndStateKept(string name)
    {
        var flow = new Flow();
        var rejection = Cases[name](flow);
        var before = flow.State;
        var envelope = flow.Next(rejection.Event, rejection.Street, rejection.At);

        var result = Flow.Reducer.Apply(before, envelope);

        Assert.Equal(OutcomeKind.Rejected, result.Outcome);
        Assert.NotNull(result.Reason);
        Assert.Contains(rejection.Reason, result.Reason);
        Assert.Empty(result.Changed);
        Assert.Same(before.Incidents, result.State.Incidents);
        Assert.Same(before.Tickets, result.State.Tickets);
        Assert.Same(before.Whistles, result.State.Whistles);
        Assert.Same(before.Dispatches, result.State.Dispatches);
        Assert.Same(before.Teams, result.State.Teams);
        Assert.Equal(before.AppliedCount, result.State.AppliedCount);
        Assert.True(result.State.Recent.Contains(envelope.Id));

        var again = Flow.Reducer.Apply(result.State, envelope);
        Assert.Equal(OutcomeKind.Duplicate, again.Outcome);
        Assert.Same(result.State, again.State);
    }

    [Fact]
    public void Apply_SameEnvelopeIdTwice_SecondIsDuplicateAndStateIsTheSameInstance()
    {
        var flow = new Flow();
        var envelope = flow.Next(new IncidentReported(Guid.NewGuid(), Flow.Grid(), "垃圾堆放", 3, "小区门口垃圾堆积"));
        var first = flow.Apply(envelope);

        var second = Flow.Reducer.Apply(first.State, envelope);

        Assert.Equal(OutcomeKind.Applied, first.Outcome);
        Assert.Equal(OutcomeKind.Duplicate, second.Outcome);
        Assert.Contains("already applied", second.Reason);
        Assert.Same(first.State, second.State);
        Assert.Empty(second.Changed);
    }

    [Fact]
    public void Apply_DifferentPayloadUnderAnAppliedEnvelopeId_IsDuplicateNotApplied()
    {
        var flow = new Flow();
        var id = Guid.NewGuid();
        flow.Apply(flow.Next(new IncidentReported(Guid.NewGuid(), Flow.Grid(), "垃圾堆放", 3, "小区门口垃圾堆积"), id: id));
        var before = flow.State;

        var result = Flow.Reducer.Apply(before, flow.Next(new TicketReceived(Guid.NewGuid(), "12345", "噪音", "夜间施工", "137****0000", flow.Now.AddDays(1)), id: id));

        Assert.Equal(OutcomeKind.Duplicate, result.Outcome);
        Assert.Same(before, result.State);
        Assert.Empty(result.State.Tickets);
    }

    /// <summary>A payload the catalog does not know can only come from code, never from the parser.</summary>
    private sealed record StrangerPayload : IEventPayload;

    [Fact]
    public void Apply_PayloadWithoutARule_IsRejectedNotThrown()
    {
        var envelope = new EventEnvelope(Guid.NewGuid().ToString(), "stranger.happened", Flow.Start, "test", Flow.Street, 1, new StrangerPayload(), "{}");

        var result = Flow.Reducer.Apply(DistrictState.Empty, envelope);

        Assert.Equal(OutcomeKind.Rejected, result.Outcome);
        Assert.Equal("no rule for stranger.happened", result.Reason);
    }

    internal static readonly Dictionary<string, Func<Flow, Rejection>> Cases = new()
    {
        // Unknown entities
        ["incident unknown"] = _ => Unknown(id => new IncidentAccepted(id), "incident"),
        ["ticket unknown"] = _ => Unknown(id => new TicketFeedback(id, "已处理"), "ticket"),
        ["whistle unknown"] = _ => Unknown(id => new WhistleClosed(id), "whistle"),
        ["dispatch unknown"] = _ => Unknown(id => new DispatchAcknowledged(id), "dispatch"),
        ["deadline unknown incident"] = f => new Rejection(new DeadlineMissed(DeadlineKind.Incident, Id, f.Now), $"incident {Id} does not exist in street 'ninghailu'", At: f.Now.AddMinutes(1)),
        ["deadline unknown ticket"] = f => new Rejection(new DeadlineMissed(DeadlineKind.Ticket, Id, f.Now), $"ticket {Id} does not exist in street 'ninghailu'", At: f.Now.AddMinutes(1)),
        ["deadline unknown whistle"] = f => new Rejection(new DeadlineMissed(DeadlineKind.WhistleReport, Id, f.Now, "market"), $"whistle {Id} does not exist", At: f.Now.AddMinutes(1)),

        // Entities created twice
        ["incident reported twice"] = f => new Rejection(Report(f.NewIncident()), "was already reported"),
        ["ticket received twice"] = f => new Rejection(Receive(f.NewTicket(), f.Now.AddDays(1)), "was already received"),
        ["whistle blown twice"] = f => new Rejection(Blow(f.NewWhistle(), f.Now.AddHours(4)), "was already blown"),
        ["dispatch created twice"] = f =>
        {
            var id = f.DispatchAt(DispatchStatus.Completed);
            return new Rejection(new DispatchCreated(id, Flow.Team()), $"dispatch {id} was already created");
        },

        // Wrong street
        ["incident of another street"] = f => Elsewhere(f.IncidentAt(IncidentStatus.Reported), id => new IncidentAccepted(id), "incident"),
        ["ticket of another street"] = f => Elsewhere(f.TicketAt(TicketStatus.Received), id => new TicketAssigned(id, "livelihood"), "ticket"),
        ["whistle of another street"] = f => Elsewhere(f.WhistleAt(WhistleStatus.Blown), id => new WhistleDepartmentReported(id, "market"), "whistle"),
        ["dispatch of another street"] = f => Elsewhere(f.DispatchAt(DispatchStatus.Created), id => new DispatchAcknowledged(id), "dispatch"),
        ["grid of another street"] = _ => new Rejection(Report(Guid.NewGuid(), Flow.Grid(Flow.OtherStreet)),
            $"grid '{Flow.Grid(Flow.OtherStreet)}' belongs to street 'huaqiaolu', not 'ninghailu'"),
        ["dispatch of another street's team"] = _ => new Rejection(new DispatchCreated(Guid.NewGuid(), Flow.Team(Flow.OtherStreet)),
            $"team '{Flow.Team(Flow.OtherStreet)}' belongs to street 'huaqiaolu', not 'ninghailu'"),
        ["status of another street's team"] = _ => new Rejection(new TeamStatusChanged(Flow.Team(Flow.OtherStreet), TeamStatus.OffDuty),
            $"team '{Flow.Team(Flow.OtherStreet)}' belongs to street 'huaqiaolu'"),
        ["dispatch for another street's incident"] = f =>
        {
            var incident = f.IncidentAt(IncidentStatus.Accepted, Flow.OtherStreet);
            return new Rejection(new DispatchCreated(Guid.NewGuid(), Flow.Team(), incident), $"incident {incident} is not an open incident of street 'ninghailu'");
        },
        ["deadline of another street's ticket"] = f =>
        {
            var due = f.Now.AddHours(1);
            var id = f.TicketAt(TicketStatus.Assigned, Flow.OtherStreet, due);
            return new Rejection(new DeadlineMissed(DeadlineKind.Ticket, id, due), $"ticket {id} does not exist in street 'ninghailu'", At: due.AddMinutes(1));
        },

        // Wrong status: incidents
        ["incident accepted twice"] = f => Status(f.IncidentAt(IncidentStatus.Accepted), id => new IncidentAccepted(id), "incident.accepted", "incident", "accepted"),
        ["incident assigned before accepted"] = f => Status(f.IncidentAt(IncidentStatus.Reported), id => new IncidentAssigned(id, "city-management"), "incident.assigned", "incident", "reported"),
        ["incident resolved before assigned"] = f => Status(f.IncidentAt(IncidentStatus.Accepted), id => new IncidentResolved(id, "已处理"), "incident.resolved", "incident", "accepted"),
        ["incident verified before resolved"] = f => Status(f.IncidentAt(IncidentStatus.Assigned), id => new IncidentVerified(id), "incident.verified", "incident", "assigned"),
        ["incident closed before verified"] = f => Status(f.IncidentAt(IncidentStatus.Resolved), id => new IncidentClosed(id), "incident.closed", "incident", "resolved"),
        ["incident reopened while open"] = f => Status(f.IncidentAt(IncidentStatus.Assigned), id => new IncidentReopened(id, "复查"), "incident.reopened", "incident", "assigned"),
        ["incident closed twice"] = f => Status(f.IncidentAt(IncidentStatus.Closed), id => new IncidentClosed(id), "incident.closed", "incident", "closed"),

        // Wrong status: tickets
        ["ticket assigned after answer"] = f => Status(f.TicketAt(TicketStatus.Answered), id => new TicketAssigned(id, "livelihood"), "ticket.assigned", "ticket", "answered"),
        ["ticket feedback before assigned"] = f => Status(f.TicketAt(TicketStatus.Received), id => new TicketFeedback(id, "已回复"), "ticket.feedback", "ticket", "received"),
        ["ticket verified before feedback"] = f => Status(f.TicketAt(TicketStatus.Assigned), id => new TicketVerified(id, "满意"), "ticket.verified", "ticket", "assigned"),
        ["ticket closed before verified"] = f => Status(f.TicketAt(TicketStatus.Answered), id => new TicketClosed(id), "ticket.closed", "ticket", "answered"),
        ["ticket evaluated before closed"] = f => Status(f.TicketAt(TicketStatus.Verified), id => new TicketEvaluated(id, Satisfaction.Satisfied), "ticket.evaluated", "ticket", "verified"),
        ["ticket evaluated twice"] = f => Status(f.TicketAt(TicketStatus.Evaluated), id => new TicketEvaluated(id, Satisfaction.Satisfied), "ticket.evaluated", "ticket", "evaluated"),
        ["ticket reopened before answer"] = f => Status(f.TicketAt(TicketStatus.Assigned), id => new TicketReopened(id, "未处理"), "ticket.reopened", "ticket", "assigned"),

        // Wrong status and rules: whistles
        ["whistle report-in after resolved"] = f => Status(f.WhistleAt(WhistleStatus.Resolved), id => new WhistleDepartmentReported(id, "market"), "whistle.department-reported", "whistle", "resolved"),
        ["whistle escalated after closed"] = f => Status(f.WhistleAt(WhistleStatus.Closed), id => new WhistleEscalated(id, WhistleLevel.District, "升级"), "whistle.escalated", "whistle", "closed"),
        ["whistle resolved twice"] = f => Status(f.WhistleAt(WhistleStatus.Resolved), id => new WhistleResolved(id, "再次反馈"), "whistle.resolved", "whistle", "resolved"),
        ["whistle closed before resolved"] = f => Status(f.WhistleAt(WhistleStatus.Blown), id => new WhistleClosed(id), "whistle.closed", "whistle", "blown"),
        ["whistle evaluated before closed"] = f => Status(f.WhistleAt(WhistleStatus.Resolved), id => new WhistleEvaluated(id, [new DepartmentRating("chengguan", 80)]), "whistle.evaluated", "whistle", "resolved"),
        ["whistle escalation to the same level"] = f =>
        {
            var id = f.WhistleAt(WhistleStatus.Blown, level: WhistleLevel.ToughProblem);
            return new Rejection(new WhistleEscalated(id, WhistleLevel.ToughProblem, "再升级"), $"an escalation must raise the level: whistle {id} is already tough-problem");
        },
        ["whistle escalation to a lower level"] = f =>
        {
            var id = f.WhistleAt(WhistleStatus.Blown, level: WhistleLevel.ToughProblem);
            return new Rejection(new WhistleEscalated(id, WhistleLevel.WorkAdvance, "降级"), "an escalation must raise the level");
        },
        ["whistle evaluation of a department not summoned"] = f =>
        {
            var id = f.WhistleAt(WhistleStatus.Closed);
            return new Rejection(new WhistleEvaluated(id, [new DepartmentRating("chengguan", 90), new DepartmentRating("education", 60)]),
                $"department 'education' was not summoned by whistle {id}");
        },
        ["whistle report-in by a department not summoned"] = f =>
        {
            var id = f.WhistleAt(WhistleStatus.Blown);
            return new Rejection(new WhistleDepartmentReported(id, "water"), $"department 'water' was not summoned by whistle {id}");
        },
        ["whistle report-in twice"] = f =>
        {
            var id = f.WhistleAt(WhistleStatus.Blown);
            f.Given(new WhistleDepartmentReported(id, "market"));
            return new Rejection(new WhistleDepartmentReported(id, "market"), "department 'market' has already reported in");
        },
        ["whistle resolved before any report-in"] = f =>
        {
            var id = f.WhistleAt(WhistleStatus.Blown);
            return new Rejection(new WhistleResolved(id, "已处理"), $"no summoned department has reported in to whistle {id} yet");
        },
        ["whistle report deadline not after blowing"] = f =>
            new Rejection(Blow(Guid.NewGuid(), f.Now.AddMinutes(1)), "the report-in deadline must be after the whistle is blown"),

        // Wrong status and rules: dispatch and teams
        ["dispatch acknowledged when en route"] = f => Status(f.DispatchAt(DispatchStatus.EnRoute), id => new DispatchAcknowledged(id), "dispatch.acknowledged", "dispatch", "en-route"),
        ["dispatch en route when on scene"] = f => Status(f.DispatchAt(DispatchStatus.OnScene), id => new DispatchEnRoute(id), "dispatch.en-route", "dispatch", "on-scene"),
        ["dispatch on scene before en route"] = f => Status(f.DispatchAt(DispatchStatus.Created), id => new DispatchOnScene(id), "dispatch.on-scene", "dispatch", "created"),
        ["dispatch completed before on scene"] = f => Status(f.DispatchAt(DispatchStatus.EnRoute), id => new DispatchCompleted(id, "完成"), "dispatch.completed", "dispatch", "en-route"),
        ["dispatch cancelled after completed"] = f => Status(f.DispatchAt(DispatchStatus.Completed), id => new DispatchCancelled(id, "撤销"), "dispatch.cancelled", "dispatch", "completed"),
        ["dispatch completed after cancelled"] = f => Status(f.DispatchAt(DispatchStatus.Cancelled), id => new DispatchCompleted(id, "完成"), "dispatch.completed", "dispatch", "cancelled"),
        ["team double booked"] = f =>
        {
            var busy = f.DispatchAt(DispatchStatus.OnScene);
            return new Rejection(new DispatchCreated(Guid.NewGuid(), Flow.Team()), $"team '{Flow.Team()}' is already on dispatch {busy}");
        },
        ["team off duty dispatched"] = f =>
        {
            f.Given(new TeamStatusChanged(Flow.Team(), TeamStatus.OffDuty));
            return new Rejection(new DispatchCreated(Guid.NewGuid(), Flow.Team()), $"team '{Flow.Team()}' is off duty");
        },
        ["team status set while on dispatch"] = f =>
        {
            var busy = f.DispatchAt(DispatchStatus.Created);
            return new Rejection(new TeamStatusChanged(Flow.Team(), TeamStatus.OffDuty), $"team '{Flow.Team()}' is on dispatch {busy}; complete or cancel it first");
        },
        ["team set available when available"] = _ => new Rejection(new TeamStatusChanged(Flow.Team(), TeamStatus.Available), $"team '{Flow.Team()}' is already available"),
        ["team set off duty twice"] = f =>
        {
            f.Given(new TeamStatusChanged(Flow.Team(), TeamStatus.OffDuty));
            return new Rejection(new TeamStatusChanged(Flow.Team(), TeamStatus.OffDuty), $"team '{Flow.Team()}' is already off duty");
        },
        ["dispatch for a closed incident"] = f =>
        {
            var incident = f.IncidentAt(IncidentStatus.Closed);
            return new Rejection(new DispatchCreated(Guid.NewGuid(), Flow.Team(), incident), $"incident {incident} is not an open incident");
        },
        ["dispatch for an unknown incident"] = _ => new Rejection(new DispatchCreated(Guid.NewGuid(), Flow.Team(), Id), $"incident {Id} is not an open incident"),

        // Unknown reference data
        ["unknown grid"] = _ => new Rejection(Report(Guid.NewGuid(), "ninghailu-c99-g999"), "unknown grid 'ninghailu-c99-g999'"),
        ["unknown body for an incident"] = f => new Rejection(new IncidentAssigned(f.IncidentAt(IncidentStatus.Accepted), "traffic-police"), "unknown street body 'traffic-police'"),
        ["unknown body for a ticket"] = f => new Rejection(new TicketAssigned(f.TicketAt(TicketStatus.Received), "mayor-office"), "unknown street body 'mayor-office'"),
        ["unknown department"] = f => new Rejection(new WhistleBlown(Guid.NewGuid(), WhistleLevel.WorkAdvance, "协调", ["chengguan", "tax"], f.Now.AddHours(4)), "unknown department 'tax'"),
        ["unknown team for a dispatch"] = _ => new Rejection(new DispatchCreated(Guid.NewGuid(), "ninghailu-swat-1"), "unknown team 'ninghailu-swat-1'"),
        ["unknown team for a status"] = _ => new Rejection(new TeamStatusChanged("ninghailu-swat-1", TeamStatus.OffDuty), "unknown team 'ninghailu-swat-1'"),

        // Tickets due before they arrive
        ["ticket due before received"] = f => new Rejection(Receive(Guid.NewGuid(), f.Now), "before it was received"),

        // deadline.missed
        ["incident deadline missed before due"] = f =>
        {
            var due = f.Now.AddHours(2);
            var id = f.IncidentAt(IncidentStatus.Assigned, dueAt: due);
            return new Rejection(new DeadlineMissed(DeadlineKind.Incident, id, due), "is before the due time", At: due.AddMinutes(-1));
        },
        ["incident deadline missed twice"] = f =>
        {
            var due = f.Now.AddHours(2);
            var id = f.IncidentAt(IncidentStatus.Assigned, dueAt: due);
            f.Apply(new DeadlineMissed(DeadlineKind.Incident, id, due), at: due);
            Assert.True(f.State.Incidents[id].DeadlineMissed);
            return new Rejection(new DeadlineMissed(DeadlineKind.Incident, id, due), $"incident {id} has no open deadline");
        },
        ["incident deadline missed when closed"] = f =>
        {
            var due = f.Now.AddHours(2);
            var id = f.IncidentAt(IncidentStatus.Closed, dueAt: due);
            return new Rejection(new DeadlineMissed(DeadlineKind.Incident, id, due), $"incident {id} has no open deadline", At: due.AddHours(1));
        },
        ["incident deadline missed without a due time"] = f =>
        {
            var id = f.IncidentAt(IncidentStatus.Assigned);
            return new Rejection(new DeadlineMissed(DeadlineKind.Incident, id, f.Now), $"incident {id} has no open deadline");
        },
        ["incident deadline missed with another due time"] = f =>
        {
            var due = f.Now.AddHours(2);
            var id = f.IncidentAt(IncidentStatus.Assigned, dueAt: due);
            return new Rejection(new DeadlineMissed(DeadlineKind.Incident, id, due.AddHours(-1)), $"incident {id} has no open deadline", At: due.AddHours(1));
        },
        ["ticket deadline missed before due"] = f =>
        {
            var due = f.Now.AddHours(2);
            var id = f.TicketAt(TicketStatus.Assigned, dueAt: due);
            return new Rejection(new DeadlineMissed(DeadlineKind.Ticket, id, due), "is before the due time", At: due.AddSeconds(-1));
        },
        ["ticket deadline missed twice"] = f =>
        {
            var due = f.Now.AddHours(2);
            var id = f.TicketAt(TicketStatus.Assigned, dueAt: due);
            f.Apply(new DeadlineMissed(DeadlineKind.Ticket, id, due), at: due.AddMinutes(1));
            Assert.True(f.State.Tickets[id].DeadlineMissed);
            return new Rejection(new DeadlineMissed(DeadlineKind.Ticket, id, due), $"ticket {id} has no open deadline");
        },
        ["ticket deadline missed when closed"] = f =>
        {
            var due = f.Now.AddHours(2);
            var id = f.TicketAt(TicketStatus.Evaluated, dueAt: due);
            return new Rejection(new DeadlineMissed(DeadlineKind.Ticket, id, due), $"ticket {id} has no open deadline", At: due.AddHours(1));
        },
        ["ticket deadline missed with another due time"] = f =>
        {
            var due = f.Now.AddHours(2);
            var id = f.TicketAt(TicketStatus.Answered, dueAt: due);
            return new Rejection(new DeadlineMissed(DeadlineKind.Ticket, id, due.AddHours(1)), $"ticket {id} has no open deadline", At: due.AddHours(2));
        },
        ["whistle report deadline missed before due"] = f =>
        {
            var id = f.WhistleAt(WhistleStatus.Blown);
            var due = f.State.Whistles[id].ReportDueAt;
            return new Rejection(new DeadlineMissed(DeadlineKind.WhistleReport, id, due, "market"), "is before the due time", At: due.AddMinutes(-5));
        },
        ["whistle report deadline missed twice"] = f =>
        {
            var id = f.WhistleAt(WhistleStatus.Blown);
            var due = f.State.Whistles[id].ReportDueAt;
            f.Apply(new DeadlineMissed(DeadlineKind.WhistleReport, id, due, "market"), at: due.AddMinutes(1));
            return new Rejection(new DeadlineMissed(DeadlineKind.WhistleReport, id, due, "market"), "department 'market' is already marked late");
        },
        ["whistle report deadline missed by a department that reported"] = f =>
        {
            var id = f.WhistleAt(WhistleStatus.Blown);
            var due = f.State.Whistles[id].ReportDueAt;
            f.Given(new WhistleDepartmentReported(id, "market"));
            return new Rejection(new DeadlineMissed(DeadlineKind.WhistleReport, id, due, "market"), "department 'market' reported in on time", At: due.AddMinutes(1));
        },
        ["whistle report deadline missed by a department not summoned"] = f =>
        {
            var id = f.WhistleAt(WhistleStatus.Blown);
            var due = f.State.Whistles[id].ReportDueAt;
            return new Rejection(new DeadlineMissed(DeadlineKind.WhistleReport, id, due, "water"), $"department 'water' was not summoned by whistle {id}", At: due.AddMinutes(1));
        },
        ["whistle report deadline missed with another due time"] = f =>
        {
            var id = f.WhistleAt(WhistleStatus.Blown);
            var due = f.State.Whistles[id].ReportDueAt;
            return new Rejection(new DeadlineMissed(DeadlineKind.WhistleReport, id, due.AddMinutes(-30), "market"), $"whistle {id}'s report-in deadline is", At: due.AddMinutes(1));
        },
        ["whistle report deadline missed when closed"] = f =>
        {
            var id = f.WhistleAt(WhistleStatus.Closed);
            var due = f.State.Whistles[id].ReportDueAt;
            return new Rejection(new DeadlineMissed(DeadlineKind.WhistleReport, id, due, "market"), "deadline.missed is not allowed when whistle", At: due.AddMinutes(1));
        },
    };

    private static readonly Guid Id = Guid.Parse("5b0f6c2e-0d3a-4c1e-9a57-3f2d8e1b6a90");

    private static Rejection Unknown(Func<Guid, IEventPayload> make, string kind) => new(make(Id), $"{kind} {Id} does not exist");

    private static Rejection Elsewhere(Guid id, Func<Guid, IEventPayload> make, string kind) =>
        new(make(id), $"{kind} {id} belongs to street 'ninghailu', not 'huaqiaolu'", Flow.OtherStreet);

    private static Rejection Status(Guid id, Func<Guid, IEventPayload> make, string type, string kind, string status) =>
        new(make(id), $"{type} is not allowed when {kind} {id} is {status}");

    private static IncidentReported Report(Guid id, string? grid = null) => new(id, grid ?? Flow.Grid(), "违章停车", 3, "消防通道违停");

    private static TicketReceived Receive(Guid id, DateTimeOffset due) => new(id, "12345", "噪音扰民", "夜间施工噪音", "135****2222", due);

    private static WhistleBlown Blow(Guid id, DateTimeOffset due) => new(id, WhistleLevel.WorkAdvance, "背街小巷整治", Flow.Departments, due);
}
