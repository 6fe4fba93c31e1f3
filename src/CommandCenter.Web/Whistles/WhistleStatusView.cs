using System.Globalization;
using CommandCenter.Core.State;
using CommandCenter.Web.Wall;

namespace CommandCenter.Web.Whistles;

/// <summary>A summoned department's report-in as a screen shows it: reported (green), waiting (amber), overdue (red).</summary>
public enum LinkStatus { Reported, Waiting, Overdue }

/// <summary>Read-time judgements about a whistle: "overdue" comes from the deadline and the clock (DESIGN §3).</summary>
public static class WhistleStatusView
{
    public const string Green = "#22c55e";
    public const string Amber = "#f59e0b";
    public const string Red = "#ef4444";

    public static LinkStatus StatusOf(Whistle whistle, SummonedDepartment department, DateTimeOffset now) =>
        department.ReportedAt is not null ? LinkStatus.Reported
        : department.Missed || now >= whistle.ReportDueAt ? LinkStatus.Overdue
        : LinkStatus.Waiting;

    public static string Color(LinkStatus status) => status switch
    {
        LinkStatus.Reported => Green,
        LinkStatus.Waiting => Amber,
        _ => Red,
    };

    /// <summary>The status as data attributes spell it: <c>reported</c>, <c>waiting</c>, <c>overdue</c>.</summary>
    public static string Token(LinkStatus status) => status.ToString().ToLowerInvariant();

    public static Bilingual Label(LinkStatus status) => status switch
    {
        LinkStatus.Reported => new("已报到", "reported"),
        LinkStatus.Waiting => new("待报到", "waiting"),
        _ => new("超时未报到", "overdue"),
    };

    /// <summary>The short text beside a department: when it reported, or the time left / overdue by.</summary>
    public static string Countdown(Whistle whistle, SummonedDepartment department, DateTimeOffset now) =>
        department.ReportedAt is { } at
            ? $"{DistrictClock.ToLocal(at):HH:mm} 报到{(department.ReportedLate ? " · 迟到 late" : "")}"
            : now < whistle.ReportDueAt ? $"剩 {Span(whistle.ReportDueAt - now)}"
            : $"超 {Span(now - whistle.ReportDueAt)}";

    /// <summary>Time left to the whistle's report-in deadline, or how long ago it passed.</summary>
    public static string DeadlineText(Whistle whistle, DateTimeOffset now) =>
        now < whistle.ReportDueAt ? $"报到剩余 {Span(whistle.ReportDueAt - now)} left"
        : $"报到已超时 {Span(now - whistle.ReportDueAt)} overdue";

    /// <summary>h:mm:ss, hours unbounded.</summary>
    public static string Span(TimeSpan span)
    {
        var seconds = (long)Math.Max(0, Math.Floor(span.TotalSeconds));
        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}");
    }

    public static Bilingual StatusLabel(WhistleStatus status) => status switch
    {
        WhistleStatus.Blown => new("待报到/报到中", "reporting in"),
        WhistleStatus.Resolved => new("已反馈待核实", "feedback given"),
        WhistleStatus.Closed => new("已结项待评价", "closed"),
        _ => new("已评价", "evaluated"),
    };
}
