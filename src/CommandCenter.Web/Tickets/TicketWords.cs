using CommandCenter.Core.Events;
using CommandCenter.Core.State;
using CommandCenter.Web.Wall;

namespace CommandCenter.Web.Tickets;

/// <summary>The ticket board's words: stages, ratings, and the countdown to a due time.</summary>
public static class TicketWords
{
    public static Bilingual Status(TicketStatus status) => status switch
    {
        TicketStatus.Received => new("待派发", "received"),
        TicketStatus.Assigned => new("办理中", "assigned"),
        TicketStatus.Answered => new("已反馈", "answered"),
        TicketStatus.Verified => new("已回访", "verified"),
        TicketStatus.Closed => new("已办结", "closed"),
        TicketStatus.Evaluated => new("已评价", "rated"),
        _ => new("重办", "reopened"),
    };

    public static Bilingual Filter(TicketStatusFilter filter) => filter switch
    {
        TicketStatusFilter.Open => new("未办结", "open"),
        TicketStatusFilter.All => new("全部", "all"),
        TicketStatusFilter.Closed => new("已办结/已评价", "closed"),
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
        Core.Events.Satisfaction.Satisfied => new("满意", "satisfied"),
        Core.Events.Satisfaction.BasicallySatisfied => new("基本满意", "basically satisfied"),
        _ => new("不满意", "dissatisfied"),
    };

    /// <summary>"剩余 2天3小时" before the due time, "超期 5小时12分" after it; closed tickets show nothing.</summary>
    public static string Countdown(Ticket ticket, DateTimeOffset now)
    {
        if (!ticket.IsOpen) return "—";
        var left = ticket.DueAt - now;
        var span = left.Duration();
        var text = span.TotalDays >= 1 ? $"{(int)span.TotalDays}天{span.Hours}小时"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours}小时{span.Minutes}分"
            : $"{Math.Max(span.Minutes, 0)}分{span.Seconds}秒";
        return left > TimeSpan.Zero ? $"剩余 {text}" : $"超期 {text}";
    }
}
