using CommandCenter.Core.Access;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;
using CommandCenter.Web.Shared;
using CommandCenter.Web.Wall;
using CommandCenter.Web.Localization;

namespace CommandCenter.Web.Dispatches;

/// <summary>The consoles' words for statuses, teams and bodies (Chinese first, English beside it).</summary>
public static class OperationLabels
{
    public static Bilingual Status(IncidentStatus status) => status switch
    {
        IncidentStatus.Reported => UiText.Both("已上报"),
        IncidentStatus.Accepted => UiText.Both("已受理"),
        IncidentStatus.Assigned => UiText.Both("处置中"),
        IncidentStatus.Resolved => UiText.Both("已处置"),
        IncidentStatus.Verified => UiText.Both("已核查"),
        IncidentStatus.Closed => UiText.Both("已结案"),
        _ => UiText.Both("已重启"),
    };

    public static Bilingual Status(DispatchStatus status) => status switch
    {
        DispatchStatus.Created => UiText.Both("已派单#dispatch"),
        DispatchStatus.Acknowledged => UiText.Both("已签收"),
        DispatchStatus.EnRoute => UiText.Both("途中#dispatch"),
        DispatchStatus.OnScene => UiText.Both("现场#dispatch"),
        DispatchStatus.Completed => UiText.Both("已完成"),
        _ => UiText.Both("已取消"),
    };

    public static Bilingual Status(TeamStatus status) => EventLabels.Status(status);

    public static Bilingual Severity(int severity) => severity switch
    {
        1 => UiText.Both("一级"),
        2 => UiText.Both("二级"),
        3 => UiText.Both("三级"),
        _ => new(string.Format(UiText.Get("{0}级", Cultures.Chinese), severity), string.Format(UiText.Get("{0}级", Cultures.English), severity)),
    };

    public static Bilingual Team(DistrictModel district, string teamId) =>
        district.Teams.TryGetValue(teamId, out var team) ? new(team.Team.Name, team.Team.NameEn) : Bilingual.Same(teamId);

    public static Bilingual Body(DistrictModel district, string? code) =>
        code is null ? UiText.Both("未指派")
        : district.BodiesByCode.TryGetValue(code, out var body) ? new(body.Name, body.NameEn) : Bilingual.Same(code);

    public static Bilingual Street(DistrictModel district, string code) =>
        district.StreetsByCode.TryGetValue(code, out var street) ? EventLabels.ShortName(street) : Bilingual.Same(code);

    /// <summary>A refused dispatch as the operator reads it: its code in words, in the circuit's language, then the reducer's reason as detail.</summary>
    public static string LostDispatch(Refusal refusal)
    {
        var words = refusal.Code == RejectionCode.None ? UiText.Both("未能派遣") : RejectionWords.For(refusal.Code);
        return $"{words.Local}: {refusal.Reason}";
    }
}
