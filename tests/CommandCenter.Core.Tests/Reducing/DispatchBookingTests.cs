using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using CommandCenter.Core.Tests.Support;

namespace CommandCenter.Core.Tests.Reducing;

/// <summary>
/// A team is on one dispatch at a time (no double booking): the log's order decides who got it, the later dispatch is
/// rejected with the reason, and the team is free again once its dispatch ends, completed or cancelled.
/// </summary>
public sealed class DispatchBookingTests
{
    [Fact]
    public void Apply_SecondDispatchOfABusyTeam_IsRejectedNamingTheDispatchItIsOn()
    {
        var flow = new Flow();
        var (incidentA, incidentB) = (flow.NewIncident(), flow.NewIncident());
        var first = Guid.NewGuid();
        flow.Given(new DispatchCreated(first, Flow.Team(), incidentA));

        var second = flow.Apply(new DispatchCreated(Guid.NewGuid(), Flow.Team(), incidentB));

        Assert.Equal(OutcomeKind.Rejected, second.Outcome);
        Assert.Equal($"team '{Flow.Team()}' is already on dispatch {first}", second.Reason);
        Assert.Equal(first, flow.State.Teams[Flow.Team()].ActiveDispatchId);
        Assert.Single(flow.State.Dispatches);
    }

    [Fact]
    public void Apply_TwoDispatchesWrittenAgainstTheSameState_LogOrderDecidesTheFirstWins()
    {
        // Two operators' trials both passed against the same live state; the log then holds both, in some order.
        var flow = new Flow();
        var incident = flow.NewIncident();
        var before = flow.State;
        var a = flow.Next(new DispatchCreated(Guid.NewGuid(), Flow.Team(), incident));
        var b = flow.Next(new DispatchCreated(Guid.NewGuid(), Flow.Team(), incident));
        Assert.True(Flow.Reducer.Apply(before, a).IsApplied);
        Assert.True(Flow.Reducer.Apply(before, b).IsApplied);

        var first = flow.Apply(a);
        var second = flow.Apply(b);

        Assert.True(first.IsApplied);
        Assert.Equal(OutcomeKind.Rejected, second.Outcome);
        Assert.Contains("is already on dispatch", second.Reason);
        Assert.Equal(((DispatchCreated)a.Payload).DispatchId, flow.State.Teams[Flow.Team()].ActiveDispatchId);
    }

    [Fact]
    public void Apply_DispatchAfterTheTeamsDispatchCompleted_IsAppliedAndTheTeamIsBusyAgain()
    {
        var flow = new Flow();
        var done = flow.DispatchAt(DispatchStatus.Completed, incident: flow.NewIncident());
        Assert.Equal((TeamStatus.Available, (Guid?)null), (flow.State.Teams[Flow.Team()].Status, flow.State.Teams[Flow.Team()].ActiveDispatchId));
        var next = Guid.NewGuid();

        var result = flow.Apply(new DispatchCreated(next, Flow.Team(), flow.NewIncident()));

        Assert.True(result.IsApplied, result.Reason);
        Assert.Equal((TeamStatus.Dispatched, (Guid?)next), (flow.State.Teams[Flow.Team()].Status, flow.State.Teams[Flow.Team()].ActiveDispatchId));
        Assert.Equal(DispatchStatus.Completed, flow.State.Dispatches[done].Status);
    }

    [Fact]
    public void Apply_CancelWithAReason_FreesTheTeamForTheNextDispatch()
    {
        var flow = new Flow();
        var cancelled = flow.DispatchAt(DispatchStatus.EnRoute, incident: flow.NewIncident());

        var cancel = flow.Apply(new DispatchCancelled(cancelled, "当事人已自行整改"));
        var again = flow.Apply(new DispatchCreated(Guid.NewGuid(), Flow.Team(), flow.NewIncident()));

        Assert.True(cancel.IsApplied, cancel.Reason);
        Assert.Equal(("当事人已自行整改", DispatchStatus.Cancelled), (flow.State.Dispatches[cancelled].Outcome, flow.State.Dispatches[cancelled].Status));
        Assert.True(again.IsApplied, again.Reason);
    }

    [Fact]
    public void Apply_CancelOfAnEndedDispatch_IsRejected()
    {
        var flow = new Flow();
        var done = flow.DispatchAt(DispatchStatus.Completed);

        var result = flow.Apply(new DispatchCancelled(done, "重复派单"));

        Assert.Equal(OutcomeKind.Rejected, result.Outcome);
        Assert.Contains("is completed", result.Reason);
    }

    [Fact]
    public void Apply_DispatchToAClosedIncident_IsRejectedUntilTheIncidentIsReopened()
    {
        var flow = new Flow();
        var incident = flow.IncidentAt(IncidentStatus.Closed);

        var refused = flow.Apply(new DispatchCreated(Guid.NewGuid(), Flow.Team(), incident));
        flow.Given(new IncidentReopened(incident, "居民反映摊贩又回来了"));
        var accepted = flow.Apply(new DispatchCreated(Guid.NewGuid(), Flow.Team(), incident));

        Assert.Equal(OutcomeKind.Rejected, refused.Outcome);
        Assert.Contains("is not an open incident", refused.Reason);
        Assert.Equal((IncidentStatus.Reopened, (DateTimeOffset?)null), (flow.State.Incidents[incident].Status, flow.State.Incidents[incident].ClosedAt));
        Assert.True(accepted.IsApplied, accepted.Reason);
    }

    [Fact]
    public void Apply_ReopenedIncident_CanBeAssignedResolvedAndClosedAgain()
    {
        var flow = new Flow();
        var incident = flow.IncidentAt(IncidentStatus.Reopened);

        flow.Given(new IncidentAssigned(incident, "enforcement-bureau"), new IncidentResolved(incident, "二次处置完毕"),
            new IncidentVerified(incident), new IncidentClosed(incident));

        Assert.Equal(IncidentStatus.Closed, flow.State.Incidents[incident].Status);
        Assert.Equal("enforcement-bureau", flow.State.Incidents[incident].Body);
    }

    [Fact]
    public void Apply_ReopenOfAnIncidentStillBeingHandled_IsRejected()
    {
        var flow = new Flow();
        var incident = flow.IncidentAt(IncidentStatus.Assigned);

        var result = flow.Apply(new IncidentReopened(incident, "重复上报"));

        Assert.Equal(OutcomeKind.Rejected, result.Outcome);
        Assert.Contains("is assigned", result.Reason);
    }

    [Fact]
    public void Apply_OffDutyWhileOnDispatch_IsRejectedAndOffDutyTeamCannotBeDispatched()
    {
        var flow = new Flow();
        flow.DispatchAt(DispatchStatus.Created);
        var offWhileBusy = flow.Apply(new TeamStatusChanged(Flow.Team(), TeamStatus.OffDuty));
        var idle = Flow.Team(index: 1);
        flow.Given(new TeamStatusChanged(idle, TeamStatus.OffDuty));

        var dispatchOff = flow.Apply(new DispatchCreated(Guid.NewGuid(), idle));

        Assert.Equal(OutcomeKind.Rejected, offWhileBusy.Outcome);
        Assert.Contains("complete or cancel it first", offWhileBusy.Reason);
        Assert.Equal(OutcomeKind.Rejected, dispatchOff.Outcome);
        Assert.Contains("is off duty", dispatchOff.Reason);
    }
}
