using CommandCenter.Core.Whistles;
using CommandCenter.Web.Wall;
using CommandCenter.Web.Localization;

namespace CommandCenter.Web.Whistles;

/// <summary>The words for the loop's six stages (<see cref="WhistleStage"/>): each stage's name, and the wall's line
/// under its count saying what the count is.</summary>
public static class WhistleStageLabels
{
    public static Bilingual Name(WhistleStage stage) => stage switch
    {
        WhistleStage.Collected => UiText.Both("问题收集"),
        WhistleStage.Blown => UiText.Both("街道吹哨"),
        WhistleStage.ReportingIn => UiText.Both("部门报到"),
        WhistleStage.Feedback => UiText.Both("处理反馈"),
        WhistleStage.Verified => UiText.Both("核实结项"),
        _ => UiText.Both("综合评价"),
    };

    public static Bilingual WallDetail(WhistleStage stage) => stage switch
    {
        WhistleStage.Collected => UiText.Both("今日吹哨"),
        WhistleStage.Blown => UiText.Both("待报到"),
        WhistleStage.ReportingIn => UiText.Both("报到中"),
        WhistleStage.Feedback => UiText.Both("处理反馈"),
        WhistleStage.Verified => UiText.Both("待评价"),
        _ => UiText.Both("今日评价"),
    };
}
