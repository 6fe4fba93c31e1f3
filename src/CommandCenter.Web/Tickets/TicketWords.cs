using CommandCenter.Core.Events;
using CommandCenter.Core.State;
using CommandCenter.Web.Wall;
using CommandCenter.Web.Localization;

namespace CommandCenter.Web.Tickets;

/// <summary>The ticket board's words: stages, ratings, and the countdown to a due time.</summary>
public static class TicketWords
{
    public static Bilingual Status(TicketStatus status) => status switch
    {
        TicketStatus.Received => UiText.Both("待派发"),
        TicketStatus.Assigned => UiText.Both("办理中"),
        TicketStatus.Answered => UiText.Both("已反馈"),
        TicketStatus.Verified => UiText.Both("已回访"),
        TicketStatus.Closed => UiText.Both("已办结"),
        TicketStatus.Evaluated => UiText.Both("已评价#ticket"),
        _ => UiText.Both("重办#ticket"),
    };

    public static Bilingual Filter(TicketStatusFilter filter) => filter switch
    {
        TicketStatusFilter.Open => UiText.Both("未办结"),
        TicketStatusFilter.All => UiText.Both("全部#ticket"),
        TicketStatusFilter.Closed => UiText.Both("已办结/已评价"),
        TicketStatusFilter.Received => Status(TicketStatus.Received),
        TicketStatusFilter.Assigned => Status(TicketStatus.Assigned),
        TicketStatusFilter.Answered => Status(TicketStatus.Answered),
        TicketStatusFilter.Verified => Status(TicketStatus.Verified),
        TicketStatusFilter.ClosedStage => Status(TicketStatus.Closed),
        TicketStatusFilter.Evaluated => Status(TicketStatus.Evaluated),
        _ => Status(TicketStatus.Reopened),
    };

    public static Bilingual Satisfaction(Satisfaction satisfaction) => satisfaction switch
    {
        Core.Events.Satisfaction.Satisfied => UiText.Both("满意"),
        Core.Events.Satisfaction.BasicallySatisfied => UiText.Both("基本满意"),
        _ => UiText.Both("不满意"),
    };

    /// <summary>"剩余 2天3小时" before the due time, "超期 5小时12分" after it; closed tickets show nothing.</summary>
    public static string Countdown(Ticket ticket, DateTimeOffset now)
    {
        if (!ticket.IsOpen) return "—";
        var left = ticket.DueAt - now;
        var span = left.Duration();
        var text = span.TotalDays >= 1 ? UiText.Local("{0}天{1}小时", (int)span.TotalDays, span.Hours)
            : span.TotalHours >= 1 ? UiText.Local("{0}小时{1}分", (int)span.TotalHours, span.Minutes)
            : UiText.Local("{0}分{1}秒", Math.Max(span.Minutes, 0), span.Seconds);
        return UiText.Local(left > TimeSpan.Zero ? "剩余 {0}" : "超期 {0}", text);
    }
}
