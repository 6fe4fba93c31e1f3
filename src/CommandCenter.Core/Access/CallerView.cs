using CommandCenter.Core.Events;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Access;

/// <summary>
/// The state as a person may see it when their command is tried: an incident, ticket, whistle or dispatch the command
/// names that the person may not read (another street's, a whistle that does not summon their department) is left out,
/// so the answer is exactly the one for an id that does not exist. A refusal never tells whether, or in which street,
/// something outside the person's scope exists. Pure.
/// </summary>
public static class CallerView
{
    public static DistrictState Of(Actor actor, DistrictState state, IEventPayload payload)
    {
        foreach (var id in Named(payload))
        {
            if (state.Incidents.TryGetValue(id, out var incident) && !Permissions.CanRead(actor, incident.Street))
                state = state with { Incidents = state.Incidents.Remove(id) };
            if (state.Tickets.TryGetValue(id, out var ticket) && !Permissions.CanRead(actor, ticket.Street))
                state = state with { Tickets = state.Tickets.Remove(id) };
            if (state.Whistles.TryGetValue(id, out var whistle) && !Permissions.CanSee(actor, whistle))
                state = state with { Whistles = state.Whistles.Remove(id) };
            if (state.Dispatches.TryGetValue(id, out var dispatch) && !Permissions.CanRead(actor, dispatch.Street))
                state = state with { Dispatches = state.Dispatches.Remove(id) };
        }
        return state;
    }

    /// <summary>The ids of items a payload names (the item it acts on, and a dispatch's incident).</summary>
    public static IEnumerable<Guid> Named(IEventPayload payload) => payload switch
    {
        IncidentReported p => [p.IncidentId],
        IncidentAccepted p => [p.IncidentId],
        IncidentAssigned p => [p.IncidentId],
        IncidentResolved p => [p.IncidentId],
        IncidentVerified p => [p.IncidentId],
        IncidentClosed p => [p.IncidentId],
        IncidentReopened p => [p.IncidentId],
        TicketReceived p => [p.TicketId],
        TicketAssigned p => [p.TicketId],
        TicketFeedback p => [p.TicketId],
        TicketVerified p => [p.TicketId],
        TicketClosed p => [p.TicketId],
        TicketEvaluated p => [p.TicketId],
        TicketReopened p => [p.TicketId],
        WhistleBlown p => [p.WhistleId],
        WhistleDepartmentReported p => [p.WhistleId],
        WhistleEscalated p => [p.WhistleId],
        WhistleResolved p => [p.WhistleId],
        WhistleClosed p => [p.WhistleId],
        WhistleEvaluated p => [p.WhistleId],
        DispatchCreated { IncidentId: { } incident } p => [p.DispatchId, incident],
        DispatchCreated p => [p.DispatchId],
        DispatchAcknowledged p => [p.DispatchId],
        DispatchEnRoute p => [p.DispatchId],
        DispatchOnScene p => [p.DispatchId],
        DispatchCompleted p => [p.DispatchId],
        DispatchCancelled p => [p.DispatchId],
        DeadlineMissed p => [p.EntityId],
        _ => [],
    };

    /// <summary>The whistle a whistle event names, if any.</summary>
    public static Guid? WhistleOf(IEventPayload payload) => payload switch
    {
        WhistleBlown p => p.WhistleId,
        WhistleDepartmentReported p => p.WhistleId,
        WhistleEscalated p => p.WhistleId,
        WhistleResolved p => p.WhistleId,
        WhistleClosed p => p.WhistleId,
        WhistleEvaluated p => p.WhistleId,
        _ => null,
    };
}
