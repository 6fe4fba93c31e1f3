namespace CommandCenter.Core.Events;

/// <summary>
/// Appended by the leader's deadline watcher so that timers are part of the log and replay exactly.
/// For a whistle report-in, <see cref="Department"/> names the department that is late.
/// </summary>
public sealed record DeadlineMissed(DeadlineKind Kind, Guid EntityId, DateTimeOffset DueAt, string? Department = null) : IEventPayload;

public enum DeadlineKind { Incident, Ticket, WhistleReport }
