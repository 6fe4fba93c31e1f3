namespace CommandCenter.Core.Events;

// 12345 hotline tickets (工单): received from the hotline platform with a due time, handled by a street body.

public sealed record TicketReceived(
    Guid TicketId, string Channel, string Category, string Content, string CallerMasked,
    DateTimeOffset DueAt, string? Address = null) : IEventPayload;

public sealed record TicketAssigned(Guid TicketId, string Body) : IEventPayload;

public sealed record TicketFeedback(Guid TicketId, string Content) : IEventPayload;

/// <param name="Result">What the citizen said at the call-back (回访).</param>
public sealed record TicketVerified(Guid TicketId, string Result) : IEventPayload;

public sealed record TicketClosed(Guid TicketId, string? Note = null) : IEventPayload;

public sealed record TicketEvaluated(Guid TicketId, Satisfaction Satisfaction) : IEventPayload;

public sealed record TicketReopened(Guid TicketId, string Reason) : IEventPayload;

public enum Satisfaction { Satisfied, BasicallySatisfied, Dissatisfied }
