namespace CommandCenter.Core.Events;

// "The street blows the whistle, departments report in" (街道吹哨、部门报到).

public sealed record WhistleBlown(
    Guid WhistleId, WhistleLevel Level, string Title, IReadOnlyList<string> Departments,
    DateTimeOffset ReportDueAt, string? Description = null, string? SourceRef = null) : IEventPayload;

public sealed record WhistleDepartmentReported(Guid WhistleId, string Department, string? Note = null) : IEventPayload;

/// <param name="ReportDueAt">A new report-in deadline for the departments still waiting (the deadline watcher sets it
/// when it escalates a missed report-in); null keeps the current one.</param>
public sealed record WhistleEscalated(Guid WhistleId, WhistleLevel ToLevel, string Reason, DateTimeOffset? ReportDueAt = null) : IEventPayload;

/// <summary>Handling and feedback (处理反馈) once departments have reported in.</summary>
public sealed record WhistleResolved(Guid WhistleId, string Feedback) : IEventPayload;

/// <summary>Verification and closing (核实结项).</summary>
public sealed record WhistleClosed(Guid WhistleId, string? Note = null) : IEventPayload;

/// <summary>The street's rating of each summoned department (综合评价), 0–100.</summary>
public sealed record WhistleEvaluated(Guid WhistleId, IReadOnlyList<DepartmentRating> Ratings) : IEventPayload;

public sealed record DepartmentRating(string Department, int Score);

/// <summary>Ordered: an escalation always moves up.</summary>
public enum WhistleLevel { WorkAdvance = 1, ToughProblem = 2, District = 3 }
