using CommandCenter.Core.Whistles;
using CommandCenter.Web.Wall;

namespace CommandCenter.Web.Whistles;

/// <summary>The words for the loop's six stages (<see cref="WhistleStage"/>): each stage's name, and the wall's line
/// under its count saying what the count is.</summary>
public static class WhistleStageLabels
{
    public static Bilingual Name(WhistleStage stage) => stage switch
    {
        WhistleStage.Collected => new("问题收集", "Collected"),
        WhistleStage.Blown => new("街道吹哨", "Whistle blown"),
        WhistleStage.ReportingIn => new("部门报到", "Report-in"),
        WhistleStage.Feedback => new("处理反馈", "Feedback"),
        WhistleStage.Verified => new("核实结项", "Verified"),
        _ => new("综合评价", "Evaluated"),
    };

    public static Bilingual WallDetail(WhistleStage stage) => stage switch
    {
        WhistleStage.Collected => new("今日吹哨", "blown today"),
        WhistleStage.Blown => new("待报到", "awaiting"),
        WhistleStage.ReportingIn => new("报到中", "reporting"),
        WhistleStage.Feedback => new("处理反馈", "Feedback"),
        WhistleStage.Verified => new("待评价", "to evaluate"),
        _ => new("今日评价", "rated today"),
    };
}
