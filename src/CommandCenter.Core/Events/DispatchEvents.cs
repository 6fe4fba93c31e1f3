namespace CommandCenter.Core.Events;

// Law-enforcement dispatch: a street team (城管中队, 市场监管分局, 警城联勤) sent to an incident.

public sealed record DispatchCreated(Guid DispatchId, string TeamId, Guid? IncidentId = null, string? Note = null) : IEventPayload;

public sealed record DispatchAcknowledged(Guid DispatchId) : IEventPayload;

public sealed record DispatchEnRoute(Guid DispatchId) : IEventPayload;

public sealed record DispatchOnScene(Guid DispatchId) : IEventPayload;

public sealed record DispatchCompleted(Guid DispatchId, string Outcome) : IEventPayload;

public sealed record DispatchCancelled(Guid DispatchId, string Reason) : IEventPayload;

/// <summary>Only the statuses a person sets directly; the others follow from dispatches.</summary>
public sealed record TeamStatusChanged(string TeamId, TeamStatus Status, string? Note = null) : IEventPayload;

public enum TeamStatus { Available, Dispatched, EnRoute, OnScene, OffDuty }
