using CommandCenter.Core.State;

namespace CommandCenter.Core.Deadlines;

/// <summary>
/// What is overdue, judged at read time from due times and the clock (the reducer never reads a clock, docs/events.md):
/// the one rule every screen, KPI and export uses, and the one the deadline watcher records misses by.
/// </summary>
public static class Overdue
{
    /// <summary>
    /// A deadline has passed from its due instant on. This is the event contract's own rule (docs/events.md): the
    /// reducer accepts <c>deadline.missed</c> at the due time, and the leader's watcher records the miss then, so a
    /// screen that judged "overdue" only after the instant would disagree with the state for that instant.
    /// </summary>
    public static bool IsPast(DateTimeOffset due, DateTimeOffset now) => now >= due;

    /// <summary>An open incident whose due time has passed (or whose miss is recorded). No due time: never overdue.</summary>
    public static bool IsOverdue(Incident incident, DateTimeOffset now) =>
        incident.IsOpen && (incident.DeadlineMissed || incident.DueAt is { } due && IsPast(due, now));

    /// <summary>An open ticket whose due time has passed (or whose miss is recorded).</summary>
    public static bool IsOverdue(Ticket ticket, DateTimeOffset now) =>
        ticket.IsOpen && (ticket.DeadlineMissed || IsPast(ticket.DueAt, now));

    /// <summary>
    /// A summoned department's report-in as the screens colour it: <see cref="ReportStatus.Reported"/> once it reported
    /// (even late), <see cref="ReportStatus.Late"/> when a miss is recorded or the deadline has passed, else
    /// <see cref="ReportStatus.Waiting"/>.
    /// </summary>
    public static ReportStatus ReportIn(Whistle whistle, SummonedDepartment department, DateTimeOffset now) =>
        department.ReportedAt is not null ? ReportStatus.Reported
        : department.Missed || IsPast(whistle.ReportDueAt, now) ? ReportStatus.Late
        : ReportStatus.Waiting;

    /// <summary>
    /// A department of the whistle missed a report-in deadline: its miss is recorded (it may have reported late since),
    /// or it is still waiting past the deadline while the whistle waits for report-ins (once feedback is given nobody is
    /// waited for, and the watcher records no more misses).
    /// </summary>
    public static bool IsLate(Whistle whistle, DateTimeOffset now) =>
        whistle.Departments.Any(d => d.Missed
            || d.ReportedAt is null && whistle.Status == WhistleStatus.Blown && IsPast(whistle.ReportDueAt, now));

    /// <summary>An active whistle (blown or resolved) that is <see cref="IsLate"/>: what the consoles flag.</summary>
    public static bool IsOverdue(Whistle whistle, DateTimeOffset now) => whistle.IsActive && IsLate(whistle, now);
}
