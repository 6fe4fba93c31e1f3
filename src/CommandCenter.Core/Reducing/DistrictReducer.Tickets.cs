using CommandCenter.Core.Events;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Reducing;

public sealed partial class DistrictReducer
{
    private static Reduction Received(DistrictState state, EventEnvelope e, TicketReceived p)
    {
        if (state.Tickets.ContainsKey(p.TicketId))
            return Reject(state, RejectionCode.AlreadyExists, $"ticket {p.TicketId} was already received");
        if (p.DueAt <= e.OccurredAt)
            return Reject(state, RejectionCode.InvalidDeadline, $"ticket {p.TicketId} is due ({p.DueAt:O}) before it was received");

        var ticket = new Ticket(p.TicketId, e.Street, p.Channel, p.Category, p.Content, p.CallerMasked, p.Address,
            TicketStatus.Received, e.OccurredAt, p.DueAt, Body: null, ClosedAt: null, Satisfaction: null,
            DeadlineMissed: false, ReopenCount: 0, e.Id, e.OccurredAt);
        return Ok(state with { Tickets = state.Tickets.Add(ticket.Id, ticket) }, Key(ticket));
    }

    private Reduction Assigned(DistrictState state, EventEnvelope e, TicketAssigned p) =>
        !district.BodiesByCode.ContainsKey(p.Body)
            ? Reject(state, RejectionCode.UnknownReference, $"unknown street body '{p.Body}'")
            : TicketStep(state, e, p.TicketId, [TicketStatus.Received, TicketStatus.Assigned, TicketStatus.Reopened],
                t => t with { Status = TicketStatus.Assigned, Body = p.Body });

    private static Reduction Feedback(DistrictState state, EventEnvelope e, TicketFeedback p) =>
        TicketStep(state, e, p.TicketId, [TicketStatus.Assigned], t => t with { Status = TicketStatus.Answered });

    private static Reduction Verified(DistrictState state, EventEnvelope e, TicketVerified p) =>
        TicketStep(state, e, p.TicketId, [TicketStatus.Answered], t => t with { Status = TicketStatus.Verified });

    private static Reduction Closed(DistrictState state, EventEnvelope e, TicketClosed p) =>
        TicketStep(state, e, p.TicketId, [TicketStatus.Verified], t => t with { Status = TicketStatus.Closed, ClosedAt = e.OccurredAt });

    private static Reduction Evaluated(DistrictState state, EventEnvelope e, TicketEvaluated p) =>
        TicketStep(state, e, p.TicketId, [TicketStatus.Closed], t => t with { Status = TicketStatus.Evaluated, Satisfaction = p.Satisfaction });

    private static Reduction Reopened(DistrictState state, EventEnvelope e, TicketReopened p) =>
        TicketStep(state, e, p.TicketId, [TicketStatus.Answered, TicketStatus.Verified, TicketStatus.Closed, TicketStatus.Evaluated],
            t => t with { Status = TicketStatus.Reopened, ClosedAt = null, Satisfaction = null, ReopenCount = t.ReopenCount + 1 });

    private static Reduction TicketStep(DistrictState state, EventEnvelope e, Guid id, TicketStatus[] from, Func<Ticket, Ticket> change)
    {
        if (!state.Tickets.TryGetValue(id, out var ticket))
            return Reject(state, RejectionCode.NotFound, $"ticket {id} does not exist");
        if (ticket.Street != e.Street)
            return Reject(state, RejectionCode.WrongStreet, $"ticket {id} belongs to street '{ticket.Street}', not '{e.Street}'");
        if (!from.Contains(ticket.Status))
            return Reject(state, RejectionCode.InvalidTransition, $"{e.Type} is not allowed when ticket {id} is {Words(ticket.Status)}");

        var next = change(ticket) with { LastEventId = e.Id, UpdatedAt = e.OccurredAt };
        return Ok(state with { Tickets = state.Tickets.SetItem(id, next) }, Key(next));
    }

    private static EntityKey Key(Ticket t) => new(EntityKind.Ticket, t.Id.ToString());
}
