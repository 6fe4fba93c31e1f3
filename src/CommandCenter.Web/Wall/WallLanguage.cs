using System.Collections.Frozen;

namespace CommandCenter.Web.Wall;

/// <summary>The wall's two languages: zh-CN by default, en-US by switch (<c>?lang=en-US</c>).</summary>
public enum WallLanguage { ZhCn, EnUs }

/// <summary>A text known in both languages; views carry both so every circuit picks its own without rebuilding.</summary>
public readonly record struct Bilingual(string Zh, string En)
{
    public string For(WallLanguage language) => language == WallLanguage.EnUs ? En : Zh;

    public static Bilingual Same(string text) => new(text, text);
}

public static class WallLanguages
{
    public static WallLanguage Parse(string? code) =>
        code is not null && code.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? WallLanguage.EnUs : WallLanguage.ZhCn;

    public static string Code(this WallLanguage language) => language == WallLanguage.EnUs ? "en-US" : "zh-CN";

    public static WallLanguage Other(this WallLanguage language) => language == WallLanguage.EnUs ? WallLanguage.ZhCn : WallLanguage.EnUs;

    /// <summary>
    /// The wall's fixed wording, keyed by its Chinese. In en-US a missing key shows the Chinese (tests find those:
    /// an en-US wall must carry no Chinese outside the payload texts of events).
    /// </summary>
    public static string T(this WallLanguage language, string zh) =>
        language == WallLanguage.EnUs && English.TryGetValue(zh, out var en) ? en : zh;

    public static bool HasEnglish(string zh) => English.ContainsKey(zh);

    private static readonly FrozenDictionary<string, string> English = new Dictionary<string, string>
    {
        ["鼓楼区社会治理指挥中心"] = "Gulou Social Governance Command Center",
        ["南京市鼓楼区 · 街道吹哨 部门报到"] = "Gulou District, Nanjing · Streets whistle, departments report in",
        ["鼓"] = "G",
        ["实时"] = "LIVE",
        ["数据过期"] = "STALE",
        ["数据已过期"] = "Data is stale",
        ["数据截至"] = "data as of",
        ["入库滞后"] = "database behind by",
        ["趋势与热点诉求"] = "Trends and hot topics",
        ["近7日"] = "7 days",
        ["近30日"] = "30 days",
        ["受理"] = "received",
        ["办结"] = "closed",
        ["按时"] = "on time",
        ["满意"] = "satisfied",
        ["热点"] = "Hot today",
        ["秒"] = "s",
        ["回放"] = "REPLAY",
        ["历史回放 · 非实时"] = "Replay · not live",
        ["网格事件"] = "Grid incidents",
        ["12345 工单"] = "12345 hotline tickets",
        ["办理质效"] = "Quality",
        ["街道吹哨 部门报到"] = "Whistles",
        ["执法队伍"] = "Enforcement teams",
        ["事件"] = "incident",
        ["工单"] = "ticket",
        ["吹哨"] = "whistle",
        ["今日上报"] = "Reported today",
        ["在办"] = "Open",
        ["超期"] = "Overdue",
        ["今日受理"] = "Received today",
        ["今日办结"] = "Closed today",
        ["按时办结率"] = "On-time closure",
        ["群众满意率"] = "Satisfaction",
        ["在办吹哨"] = "Active whistles",
        ["待报到部门"] = "Depts. not reported",
        ["推进"] = "Advance",
        ["攻坚"] = "Tough",
        ["区级"] = "District",
        ["等{0}个"] = "+{0} more",
        ["待命"] = "Ready",
        ["已派单"] = "Assigned",
        ["途中"] = "En route",
        ["现场"] = "On scene",
        ["休整"] = "Off duty",
        ["今日"] = "Today",
        ["昨日"] = "Yesterday",
        ["街道排名"] = "Street ranking",
        ["排名"] = "#",
        ["街道"] = "Street",
        ["按时率"] = "On-time",
        ["实时动态"] = "Live events",
        ["暂无动态"] = "No events yet",
        ["街道态势图"] = "Street load map",
        ["在办/超期"] = "open / overdue",
        ["低"] = "Low",
        ["高"] = "High",
        ["有超期"] = "Has overdue",
        ["吹哨闭环"] = "Whistle loop",
        ["问题收集"] = "Collected",
        ["街道吹哨"] = "Whistle blown",
        ["部门报到"] = "Report-in",
        ["处理反馈"] = "Feedback",
        ["核实结项"] = "Verified",
        ["综合评价"] = "Evaluated",
        ["今日吹哨"] = "blown today",
        ["待报到"] = "awaiting",
        ["报到中"] = "reporting",
        ["待核实"] = "to verify",
        ["待评价"] = "to evaluate",
        ["今日评价"] = "rated today",
        ["指挥体系"] = "Command structure",
        ["鼓楼区"] = "Gulou District",
        ["返回总览"] = "Back to overview",
        ["街道大屏"] = "Street wall",
        ["语言"] = "Language",
        ["回放时间"] = "Replay time",
        ["播放"] = "Play",
        ["暂停"] = "Pause",
        ["回到实时"] = "Back to live",
        ["倍速"] = "Speed",
        ["加载中"] = "Loading",
        ["星期日"] = "Sunday",
        ["星期一"] = "Monday",
        ["星期二"] = "Tuesday",
        ["星期三"] = "Wednesday",
        ["星期四"] = "Thursday",
        ["星期五"] = "Friday",
        ["星期六"] = "Saturday",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
