namespace CommandCenter.Core.Events;

// Grid incidents (网格事件): reported by grid workers in a grid, handled by one of the street's bodies.

public sealed record IncidentReported(
    Guid IncidentId, string GridId, string Category, int Severity, string Title,
    string? Description = null, DateTimeOffset? DueAt = null, string? ReportedBy = null) : IEventPayload;

public sealed record IncidentAccepted(Guid IncidentId, string? Note = null) : IEventPayload;

/// <param name="Body">Code of the street body that handles it, e.g. <c>city-management</c>.</param>
public sealed record IncidentAssigned(Guid IncidentId, string Body, string? Assignee = null) : IEventPayload;

public sealed record IncidentResolved(Guid IncidentId, string Outcome) : IEventPayload;

public sealed record IncidentVerified(Guid IncidentId, string? Note = null) : IEventPayload;

public sealed record IncidentClosed(Guid IncidentId, string? Note = null) : IEventPayload;

public sealed record IncidentReopened(Guid IncidentId, string Reason) : IEventPayload;
