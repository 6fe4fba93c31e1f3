using CommandCenter.Core.Reducing;
using CommandCenter.Web.Wall;

namespace CommandCenter.Web.Shared;

/// <summary>
/// What a person reads when something they sent was refused: the words for each <see cref="RejectionCode"/>, Chinese
/// first. Screens map the code, never the reducer's English reason (which they may show beside it, as detail).
/// </summary>
public static class RejectionWords
{
    public static Bilingual For(RejectionCode code) => code switch
    {
        RejectionCode.AlreadyExists => new("已存在", "Already exists"),
        RejectionCode.NotFound => new("不存在", "Not found"),
        RejectionCode.WrongStreet => new("不属于该街道", "Belongs to another street"),
        RejectionCode.InvalidTransition => new("当前状态不允许", "Not possible now"),
        RejectionCode.UnknownReference => new("未知编码", "Unknown code"),
        RejectionCode.InvalidDeadline => new("时限有误", "Invalid deadline"),
        RejectionCode.DeadlineNotPassed => new("尚未到期", "Not due yet"),
        RejectionCode.NoOpenDeadline => new("没有待记录的超期", "No open deadline"),
        RejectionCode.NotSummoned => new("该部门未被召集", "Department not summoned"),
        RejectionCode.AlreadyReportedIn => new("该部门已报到", "Already reported in"),
        RejectionCode.NoReportInYet => new("尚无部门报到", "No department has reported in"),
        RejectionCode.LevelNotRaised => new("升级须提高级别", "An escalation must raise the level"),
        RejectionCode.TeamOffDuty => new("队伍已休整", "The team is off duty"),
        RejectionCode.TeamOnDispatch => new("队伍已被派往其他任务", "The team was already sent elsewhere"),
        RejectionCode.TeamStatusUnchanged => new("队伍已是该状态", "The team already has that status"),
        RejectionCode.IncidentNotOpen => new("事件已结案", "The incident is no longer open"),
        RejectionCode.ActorMissing or RejectionCode.NotPermitted => new("无权操作", "Not allowed"),
        RejectionCode.OutsideScope => new("超出你的范围", "Outside your scope"),
        RejectionCode.Malformed => new("填写有误", "Invalid"),
        _ => new("未能执行", "Not done"),
    };
}
