using CommandCenter.Core.Events;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Reducing;

public sealed partial class DistrictReducer
{
    private Reduction Created(DistrictState state, EventEnvelope e, DispatchCreated p)
    {
        if (state.Dispatches.ContainsKey(p.DispatchId))
            return Reject(state, RejectionCode.AlreadyExists, $"dispatch {p.DispatchId} was already created");
        if (TeamProblem(state, e, p.TeamId) is { } problem)
            return problem;

        var team = TeamOf(state, p.TeamId);
        if (team.Status == TeamStatus.OffDuty)
            return Reject(state, RejectionCode.TeamOffDuty, $"team '{p.TeamId}' is off duty");
        if (team.ActiveDispatchId is { } busy)
            return Reject(state, RejectionCode.TeamOnDispatch, $"team '{p.TeamId}' is already on dispatch {busy}");
        if (p.IncidentId is { } incidentId && !(state.Incidents.TryGetValue(incidentId, out var incident) && incident.Street == e.Street && incident.IsOpen))
            return Reject(state, RejectionCode.IncidentNotOpen, $"incident {incidentId} is not an open incident of street '{e.Street}'");

        var dispatch = new Dispatch(p.DispatchId, e.Street, p.TeamId, p.IncidentId, DispatchStatus.Created, e.OccurredAt,
            null, null, null, null, null, e.Id, e.OccurredAt);
        var nextTeam = team with { Status = TeamStatus.Dispatched, ActiveDispatchId = dispatch.Id, LastEventId = e.Id, UpdatedAt = e.OccurredAt };
        return Ok(state with
        {
            Dispatches = state.Dispatches.Add(dispatch.Id, dispatch),
            Teams = state.Teams.SetItem(nextTeam.Id, nextTeam),
        }, Key(dispatch), Key(nextTeam));
    }

    private static readonly Dictionary<DispatchStatus, DispatchStatus[]> AdvanceFrom = new()
    {
        [DispatchStatus.Acknowledged] = [DispatchStatus.Created],
        [DispatchStatus.EnRoute] = [DispatchStatus.Created, DispatchStatus.Acknowledged],
        [DispatchStatus.OnScene] = [DispatchStatus.EnRoute],
        [DispatchStatus.Completed] = [DispatchStatus.OnScene],
        [DispatchStatus.Cancelled] = [DispatchStatus.Created, DispatchStatus.Acknowledged, DispatchStatus.EnRoute, DispatchStatus.OnScene],
    };

    private Reduction Advance(DistrictState state, EventEnvelope e, Guid id, DispatchStatus to) => DispatchStep(state, e, id, to, d => to switch
    {
        DispatchStatus.Acknowledged => d with { Status = to, AcknowledgedAt = e.OccurredAt },
        DispatchStatus.EnRoute => d with { Status = to, EnRouteAt = e.OccurredAt },
        _ => d with { Status = to, OnSceneAt = e.OccurredAt },
    });

    private Reduction End(DistrictState state, EventEnvelope e, Guid id, DispatchStatus to, string outcome) =>
        DispatchStep(state, e, id, to, d => d with { Status = to, EndedAt = e.OccurredAt, Outcome = outcome });

    private Reduction DispatchStep(DistrictState state, EventEnvelope e, Guid id, DispatchStatus to, Func<Dispatch, Dispatch> change)
    {
        if (!state.Dispatches.TryGetValue(id, out var dispatch))
            return Reject(state, RejectionCode.NotFound, $"dispatch {id} does not exist");
        if (dispatch.Street != e.Street)
            return Reject(state, RejectionCode.WrongStreet, $"dispatch {id} belongs to street '{dispatch.Street}', not '{e.Street}'");
        if (!AdvanceFrom[to].Contains(dispatch.Status))
            return Reject(state, RejectionCode.InvalidTransition, $"{e.Type} is not allowed when dispatch {id} is {Words(dispatch.Status)}");

        var next = change(dispatch) with { LastEventId = e.Id, UpdatedAt = e.OccurredAt };
        var team = TeamOf(state, next.TeamId);
        var teamStatus = next.IsActive ? TeamStatusFor(next.Status) : TeamStatus.Available;
        var nextTeam = team with
        {
            Status = teamStatus,
            ActiveDispatchId = next.IsActive ? next.Id : null,
            LastEventId = e.Id,
            UpdatedAt = e.OccurredAt,
        };
        return Ok(state with
        {
            Dispatches = state.Dispatches.SetItem(id, next),
            Teams = state.Teams.SetItem(nextTeam.Id, nextTeam),
        }, Key(next), Key(nextTeam));
    }

    private Reduction TeamChanged(DistrictState state, EventEnvelope e, TeamStatusChanged p)
    {
        if (TeamProblem(state, e, p.TeamId) is { } problem)
            return problem;
        var team = TeamOf(state, p.TeamId);
        if (team.ActiveDispatchId is { } busy)
            return Reject(state, RejectionCode.TeamOnDispatch, $"team '{p.TeamId}' is on dispatch {busy}; complete or cancel it first");
        if (team.Status == p.Status)
            return Reject(state, RejectionCode.TeamStatusUnchanged, $"team '{p.TeamId}' is already {(p.Status == TeamStatus.OffDuty ? "off duty" : "available")}");

        var next = team with { Status = p.Status, LastEventId = e.Id, UpdatedAt = e.OccurredAt };
        return Ok(state with { Teams = state.Teams.SetItem(next.Id, next) }, Key(next));
    }

    private Reduction? TeamProblem(DistrictState state, EventEnvelope e, string teamId) =>
        !district.Teams.TryGetValue(teamId, out var team) ? Reject(state, RejectionCode.UnknownReference, $"unknown team '{teamId}'")
        : team.Street.Code != e.Street ? Reject(state, RejectionCode.WrongStreet, $"team '{teamId}' belongs to street '{team.Street.Code}', not '{e.Street}'")
        : null;

    /// <summary>A team that has had no event yet is available.</summary>
    private TeamState TeamOf(DistrictState state, string teamId) =>
        state.Teams.TryGetValue(teamId, out var team)
            ? team
            : new TeamState(teamId, district.Teams[teamId].Street.Code, TeamStatus.Available, null, "", DateTimeOffset.MinValue);

    private static TeamStatus TeamStatusFor(DispatchStatus status) => status switch
    {
        DispatchStatus.EnRoute => TeamStatus.EnRoute,
        DispatchStatus.OnScene => TeamStatus.OnScene,
        _ => TeamStatus.Dispatched,
    };

    private static EntityKey Key(Dispatch d) => new(EntityKind.Dispatch, d.Id.ToString());

    private static EntityKey Key(TeamState t) => new(EntityKind.Team, t.Id);
}
