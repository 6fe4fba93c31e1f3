using CommandCenter.Core.Events;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Reducing;

public sealed partial class DistrictReducer
{
    /// <summary>
    /// Records a missed deadline. The watcher may only say so once the due time has passed (by the event's own
    /// clock) and while the item is still open; a second report of the same miss is rejected.
    /// </summary>
    private static Reduction Missed(DistrictState state, EventEnvelope e, DeadlineMissed p)
    {
        if (e.OccurredAt < p.DueAt)
            return Reject(state, RejectionCode.DeadlineNotPassed, $"deadline.missed at {e.OccurredAt:O} is before the due time {p.DueAt:O}");

        switch (p.Kind)
        {
            case DeadlineKind.Incident:
                if (!state.Incidents.TryGetValue(p.EntityId, out var incident) || incident.Street != e.Street)
                    return Reject(state, RejectionCode.NotFound, $"incident {p.EntityId} does not exist in street '{e.Street}'");
                if (!incident.IsOpen || incident.DeadlineMissed || incident.DueAt != p.DueAt)
                    return Reject(state, RejectionCode.NoOpenDeadline, $"incident {p.EntityId} has no open deadline at {p.DueAt:O} left to miss");
                var nextIncident = incident with { DeadlineMissed = true, LastEventId = e.Id, UpdatedAt = e.OccurredAt };
                return Ok(state with { Incidents = state.Incidents.SetItem(p.EntityId, nextIncident) }, Key(nextIncident));

            case DeadlineKind.Ticket:
                if (!state.Tickets.TryGetValue(p.EntityId, out var ticket) || ticket.Street != e.Street)
                    return Reject(state, RejectionCode.NotFound, $"ticket {p.EntityId} does not exist in street '{e.Street}'");
                if (!ticket.IsOpen || ticket.DeadlineMissed || ticket.DueAt != p.DueAt)
                    return Reject(state, RejectionCode.NoOpenDeadline, $"ticket {p.EntityId} has no open deadline at {p.DueAt:O} left to miss");
                var nextTicket = ticket with { DeadlineMissed = true, LastEventId = e.Id, UpdatedAt = e.OccurredAt };
                return Ok(state with { Tickets = state.Tickets.SetItem(p.EntityId, nextTicket) }, Key(nextTicket));

            default:
                return WhistleStep(state, e, p.EntityId, [WhistleStatus.Blown], w =>
                    w.ReportDueAt != p.DueAt ? (RejectionCode.NoOpenDeadline, $"whistle {w.Id}'s report-in deadline is {w.ReportDueAt:O}, not {p.DueAt:O}")
                    : w.Departments.FirstOrDefault(d => d.Department == p.Department) switch
                    {
                        null => (RejectionCode.NotSummoned, $"department '{p.Department}' was not summoned by whistle {w.Id}"),
                        { ReportedAt: not null } => (RejectionCode.AlreadyReportedIn, $"department '{p.Department}' reported in on time"),
                        var marked when marked.HasMissed(p.DueAt) => (RejectionCode.NoOpenDeadline, $"department '{p.Department}' is already marked late"),
                        var late => w with { Departments = w.Departments.Replace(late, late with { Missed = true, MissedDueAt = p.DueAt }) },
                    });
        }
    }
}
