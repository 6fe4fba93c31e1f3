using CommandCenter.Core.Reducing;
using CommandCenter.Web.Wall;
using CommandCenter.Web.Localization;

namespace CommandCenter.Web.Shared;

/// <summary>
/// What a person reads when something they sent was refused: the words for each <see cref="RejectionCode"/>, Chinese
/// first. Screens map the code, never the reducer's English reason (which they may show beside it, as detail).
/// </summary>
public static class RejectionWords
{
    public static Bilingual For(RejectionCode code) => code switch
    {
        RejectionCode.AlreadyExists => UiText.Both("已存在"),
        RejectionCode.NotFound => UiText.Both("不存在"),
        RejectionCode.WrongStreet => UiText.Both("不属于该街道"),
        RejectionCode.InvalidTransition => UiText.Both("当前状态不允许"),
        RejectionCode.UnknownReference => UiText.Both("未知编码"),
        RejectionCode.InvalidDeadline => UiText.Both("时限有误"),
        RejectionCode.DeadlineNotPassed => UiText.Both("尚未到期"),
        RejectionCode.NoOpenDeadline => UiText.Both("没有待记录的超期"),
        RejectionCode.NotSummoned => UiText.Both("该部门未被召集"),
        RejectionCode.AlreadyReportedIn => UiText.Both("该部门已报到"),
        RejectionCode.NoReportInYet => UiText.Both("尚无部门报到"),
        RejectionCode.LevelNotRaised => UiText.Both("升级须提高级别"),
        RejectionCode.TeamOffDuty => UiText.Both("队伍已休整"),
        RejectionCode.TeamOnDispatch => UiText.Both("队伍已被派往其他任务"),
        RejectionCode.TeamStatusUnchanged => UiText.Both("队伍已是该状态"),
        RejectionCode.IncidentNotOpen => UiText.Both("事件已结案"),
        RejectionCode.ActorMissing or RejectionCode.NotPermitted => UiText.Both("无权操作"),
        RejectionCode.OutsideScope => UiText.Both("超出你的范围"),
        RejectionCode.Malformed => UiText.Both("填写有误"),
        _ => UiText.Both("未能执行"),
    };
}
