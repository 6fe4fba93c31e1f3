using CommandCenter.Core.Deadlines;
using CommandCenter.Core.State;
using CommandCenter.Core.Time;
using CommandCenter.Web.Shared;
using CommandCenter.Web.Wall;

namespace CommandCenter.Web.Whistles;

/// <summary>
/// How the consoles show a whistle's report-ins: reported (green), waiting (amber), late (red, "overdue"), as the
/// Core rule judges them at read time (<see cref="Overdue.ReportIn"/>), with countdowns to the deadline.
/// </summary>
public static class WhistleStatusView
{
    public const string Green = "#22c55e";
    public const string Amber = "#f59e0b";
    public const string Red = "#ef4444";

    public static string Color(ReportStatus status) => status switch
    {
        ReportStatus.Reported => Green,
        ReportStatus.Waiting => Amber,
        _ => Red,
    };

    /// <summary>The status as data attributes spell it: <c>reported</c>, <c>waiting</c>, <c>overdue</c>.</summary>
    public static string Token(ReportStatus status) => status switch
    {
        ReportStatus.Reported => "reported",
        ReportStatus.Waiting => "waiting",
        _ => "overdue",
    };

    public static Bilingual Label(ReportStatus status) => status switch
    {
        ReportStatus.Reported => new("已报到", "reported"),
        ReportStatus.Waiting => new("待报到", "waiting"),
        _ => new("超时未报到", "overdue"),
    };

    /// <summary>The short text beside a department: when it reported, or the time left / overdue by.</summary>
    public static string Countdown(Whistle whistle, SummonedDepartment department, DateTimeOffset now) =>
        department.ReportedAt is { } at
            ? $"{DistrictClock.ToLocal(at):HH:mm} 报到{(department.ReportedLate ? " · 迟到 late" : "")}"
            : now < whistle.ReportDueAt ? $"剩 {TimerText.Of(whistle.ReportDueAt - now)}"
            : $"超 {TimerText.Of(now - whistle.ReportDueAt)}";

    /// <summary>Time left to the whistle's report-in deadline, or how long ago it passed.</summary>
    public static string DeadlineText(Whistle whistle, DateTimeOffset now) =>
        now < whistle.ReportDueAt ? $"报到剩余 {TimerText.Of(whistle.ReportDueAt - now)} left"
        : $"报到已超时 {TimerText.Of(now - whistle.ReportDueAt)} overdue";

    public static Bilingual StatusLabel(WhistleStatus status) => status switch
    {
        WhistleStatus.Blown => new("待报到/报到中", "reporting in"),
        WhistleStatus.Resolved => new("已反馈待核实", "feedback given"),
        WhistleStatus.Closed => new("已结项待评价", "closed"),
        _ => new("已评价", "evaluated"),
    };
}
