using CommandCenter.Core.Events;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Reducing;

public sealed partial class DistrictReducer
{
    private Reduction Reported(DistrictState state, EventEnvelope e, IncidentReported p)
    {
        if (state.Incidents.ContainsKey(p.IncidentId))
            return Reject(state, RejectionCode.AlreadyExists, $"incident {p.IncidentId} was already reported");
        if (!district.Grids.TryGetValue(p.GridId, out var grid))
            return Reject(state, RejectionCode.UnknownReference, $"unknown grid '{p.GridId}'");
        if (grid.Street.Code != e.Street)
            return Reject(state, RejectionCode.WrongStreet, $"grid '{p.GridId}' belongs to street '{grid.Street.Code}', not '{e.Street}'");

        var incident = new Incident(p.IncidentId, e.Street, p.GridId, p.Category, p.Severity, p.Title, p.Description,
            IncidentStatus.Reported, e.OccurredAt, p.DueAt, Body: null, ClosedAt: null, DeadlineMissed: false, e.Id, e.OccurredAt);
        return Ok(state with { Incidents = state.Incidents.Add(incident.Id, incident) }, Key(incident));
    }

    private Reduction Accepted(DistrictState state, EventEnvelope e, IncidentAccepted p) =>
        IncidentStep(state, e, p.IncidentId, [IncidentStatus.Reported], i => i with { Status = IncidentStatus.Accepted });

    private Reduction Assigned(DistrictState state, EventEnvelope e, IncidentAssigned p) =>
        !district.BodiesByCode.ContainsKey(p.Body)
            ? Reject(state, RejectionCode.UnknownReference, $"unknown street body '{p.Body}'")
            : IncidentStep(state, e, p.IncidentId, [IncidentStatus.Accepted, IncidentStatus.Assigned, IncidentStatus.Reopened],
                i => i with { Status = IncidentStatus.Assigned, Body = p.Body });

    private Reduction Resolved(DistrictState state, EventEnvelope e, IncidentResolved p) =>
        IncidentStep(state, e, p.IncidentId, [IncidentStatus.Assigned], i => i with { Status = IncidentStatus.Resolved });

    private Reduction Verified(DistrictState state, EventEnvelope e, IncidentVerified p) =>
        IncidentStep(state, e, p.IncidentId, [IncidentStatus.Resolved], i => i with { Status = IncidentStatus.Verified });

    private Reduction Closed(DistrictState state, EventEnvelope e, IncidentClosed p) =>
        IncidentStep(state, e, p.IncidentId, [IncidentStatus.Verified], i => i with { Status = IncidentStatus.Closed, ClosedAt = e.OccurredAt });

    private Reduction Reopened(DistrictState state, EventEnvelope e, IncidentReopened p) =>
        IncidentStep(state, e, p.IncidentId, [IncidentStatus.Resolved, IncidentStatus.Verified, IncidentStatus.Closed],
            i => i with { Status = IncidentStatus.Reopened, ClosedAt = null });

    private static Reduction IncidentStep(
        DistrictState state, EventEnvelope e, Guid id, IncidentStatus[] from, Func<Incident, Incident> change)
    {
        if (!state.Incidents.TryGetValue(id, out var incident))
            return Reject(state, RejectionCode.NotFound, $"incident {id} does not exist");
        if (incident.Street != e.Street)
            return Reject(state, RejectionCode.WrongStreet, $"incident {id} belongs to street '{incident.Street}', not '{e.Street}'");
        if (!from.Contains(incident.Status))
            return Reject(state, RejectionCode.InvalidTransition, $"{e.Type} is not allowed when incident {id} is {Words(incident.Status)}");

        var next = change(incident) with { LastEventId = e.Id, UpdatedAt = e.OccurredAt };
        return Ok(state with { Incidents = state.Incidents.SetItem(id, next) }, Key(next));
    }

    private static EntityKey Key(Incident i) => new(EntityKind.Incident, i.Id.ToString());
}
