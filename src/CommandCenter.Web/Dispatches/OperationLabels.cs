using CommandCenter.Core.Access;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;
using CommandCenter.Web.Shared;
using CommandCenter.Web.Wall;

namespace CommandCenter.Web.Dispatches;

/// <summary>The consoles' words for statuses, teams and bodies (Chinese first, English beside it).</summary>
public static class OperationLabels
{
    public static Bilingual Status(IncidentStatus status) => status switch
    {
        IncidentStatus.Reported => new("已上报", "reported"),
        IncidentStatus.Accepted => new("已受理", "accepted"),
        IncidentStatus.Assigned => new("处置中", "assigned"),
        IncidentStatus.Resolved => new("已处置", "resolved"),
        IncidentStatus.Verified => new("已核查", "verified"),
        IncidentStatus.Closed => new("已结案", "closed"),
        _ => new("已重启", "reopened"),
    };

    public static Bilingual Status(DispatchStatus status) => status switch
    {
        DispatchStatus.Created => new("已派单", "dispatched"),
        DispatchStatus.Acknowledged => new("已签收", "acknowledged"),
        DispatchStatus.EnRoute => new("途中", "en route"),
        DispatchStatus.OnScene => new("现场", "on scene"),
        DispatchStatus.Completed => new("已完成", "completed"),
        _ => new("已取消", "cancelled"),
    };

    public static Bilingual Status(TeamStatus status) => EventLabels.Status(status);

    public static Bilingual Severity(int severity) => severity switch
    {
        1 => new("一级", "Sev 1"),
        2 => new("二级", "Sev 2"),
        3 => new("三级", "Sev 3"),
        _ => new($"{severity}级", $"Sev {severity}"),
    };

    public static Bilingual Team(DistrictModel district, string teamId) =>
        district.Teams.TryGetValue(teamId, out var team) ? new(team.Team.Name, team.Team.NameEn) : Bilingual.Same(teamId);

    public static Bilingual Body(DistrictModel district, string? code) =>
        code is null ? new("未指派", "unassigned")
        : district.BodiesByCode.TryGetValue(code, out var body) ? new(body.Name, body.NameEn) : Bilingual.Same(code);

    public static Bilingual Street(DistrictModel district, string code) =>
        district.StreetsByCode.TryGetValue(code, out var street) ? EventLabels.ShortName(street) : Bilingual.Same(code);

    /// <summary>A refused dispatch as the operator reads it: its code in words, Chinese first, then the reducer's reason.</summary>
    public static string LostDispatch(Refusal refusal)
    {
        var words = refusal.Code == RejectionCode.None ? new Bilingual("未能派遣", "Not dispatched") : RejectionWords.For(refusal.Code);
        return $"{words.Zh} {words.En}: {refusal.Reason}";
    }
}
