using CommandCenter.Core.Deadlines;
using CommandCenter.Core.State;
using CommandCenter.Core.Time;
using CommandCenter.Web.Shared;
using CommandCenter.Web.Wall;
using CommandCenter.Web.Localization;

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
        ReportStatus.Reported => UiText.Both("已报到"),
        ReportStatus.Waiting => UiText.Both("待报到#whistle"),
        _ => UiText.Both("超时未报到"),
    };

    /// <summary>The short text beside a department: when it reported, or the time left / overdue by.</summary>
    public static string Countdown(Whistle whistle, SummonedDepartment department, DateTimeOffset now) =>
        department.ReportedAt is { } at
            ? UiText.Local(department.ReportedLate ? "{0} 报到 · 迟到" : "{0} 报到", DistrictClock.ToLocal(at).ToString("HH:mm"))
            : now < whistle.ReportDueAt ? UiText.Local("剩 {0}", TimerText.Of(whistle.ReportDueAt - now))
            : UiText.Local("超 {0}", TimerText.Of(now - whistle.ReportDueAt));

    /// <summary>Time left to the whistle's report-in deadline, or how long ago it passed.</summary>
    public static string DeadlineText(Whistle whistle, DateTimeOffset now) =>
        now < whistle.ReportDueAt ? UiText.Local("报到剩余 {0}", TimerText.Of(whistle.ReportDueAt - now))
        : UiText.Local("报到已超时 {0}", TimerText.Of(now - whistle.ReportDueAt));

    public static Bilingual StatusLabel(WhistleStatus status) => status switch
    {
        WhistleStatus.Blown => UiText.Both("待报到/报到中"),
        WhistleStatus.Resolved => UiText.Both("已反馈待核实"),
        WhistleStatus.Closed => UiText.Both("已结项待评价"),
        _ => UiText.Both("已评价"),
    };
}
