using System.Collections.Immutable;
using CommandCenter.Core.Events;

namespace CommandCenter.Core.State;

// The entities the reducer keeps. Immutable records: a change makes a new record, so snapshots can be
// shared by every screen without copies. Each also serializes as the DB's entity snapshot.

public enum IncidentStatus { Reported, Accepted, Assigned, Resolved, Verified, Closed, Reopened }

public sealed record Incident(
    Guid Id, string Street, string GridId, string Category, int Severity, string Title, string? Description,
    IncidentStatus Status, DateTimeOffset ReportedAt, DateTimeOffset? DueAt, string? Body,
    DateTimeOffset? ClosedAt, bool DeadlineMissed, string LastEventId, DateTimeOffset UpdatedAt)
{
    public bool IsOpen => Status is not IncidentStatus.Closed;
}

public enum TicketStatus { Received, Assigned, Answered, Verified, Closed, Evaluated, Reopened }

public sealed record Ticket(
    Guid Id, string Street, string Channel, string Category, string Content, string CallerMasked, string? Address,
    TicketStatus Status, DateTimeOffset ReceivedAt, DateTimeOffset DueAt, string? Body,
    DateTimeOffset? ClosedAt, Satisfaction? Satisfaction, bool DeadlineMissed, int ReopenCount,
    string LastEventId, DateTimeOffset UpdatedAt)
{
    public bool IsOpen => Status is not (TicketStatus.Closed or TicketStatus.Evaluated);
}

/// <summary>Blown → (departments report in) → Resolved (feedback) → Closed (verified) → Evaluated.</summary>
public enum WhistleStatus { Blown, Resolved, Closed, Evaluated }

public enum ReportStatus { Waiting, Reported, Late }

/// <param name="ReportedAt">When the department reported in; null while waiting.</param>
/// <param name="Missed">A report-in deadline passed before it reported (it may still report in late); stays set.</param>
/// <param name="MissedDueAt">The last deadline recorded as missed: an escalation sets a new deadline, which can be
/// missed again. Optional so snapshots written before it still load (null: the whistle's only deadline).</param>
public sealed record SummonedDepartment(string Department, DateTimeOffset? ReportedAt, bool Missed, int? Score, DateTimeOffset? MissedDueAt = null)
{
    public ReportStatus Status => ReportedAt is not null ? ReportStatus.Reported : Missed ? ReportStatus.Late : ReportStatus.Waiting;

    /// <summary>Reported in, but only after a deadline had been missed.</summary>
    public bool ReportedLate => ReportedAt is not null && Missed;

    /// <summary>Is the miss of the deadline <paramref name="dueAt"/> already recorded?</summary>
    public bool HasMissed(DateTimeOffset dueAt) => Missed && (MissedDueAt ?? dueAt) == dueAt;
}

public sealed record Whistle(
    Guid Id, string Street, WhistleLevel Level, string Title, string? Description, string? SourceRef,
    WhistleStatus Status, DateTimeOffset BlownAt, DateTimeOffset ReportDueAt,
    ImmutableArray<SummonedDepartment> Departments, DateTimeOffset? ClosedAt, string? BlownBy,
    string LastEventId, DateTimeOffset UpdatedAt)
{
    public bool IsActive => Status is WhistleStatus.Blown or WhistleStatus.Resolved;
}

public enum DispatchStatus { Created, Acknowledged, EnRoute, OnScene, Completed, Cancelled }

public sealed record Dispatch(
    Guid Id, string Street, string TeamId, Guid? IncidentId, DispatchStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? EnRouteAt, DateTimeOffset? OnSceneAt,
    DateTimeOffset? EndedAt, string? Outcome, string LastEventId, DateTimeOffset UpdatedAt)
{
    public bool IsActive => Status is not (DispatchStatus.Completed or DispatchStatus.Cancelled);
}

/// <summary>A team's live status; teams with no events yet are available (absent from the state).</summary>
public sealed record TeamState(string Id, string Street, TeamStatus Status, Guid? ActiveDispatchId, string LastEventId, DateTimeOffset UpdatedAt);
