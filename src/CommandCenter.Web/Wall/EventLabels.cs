using System.Collections.Frozen;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;

namespace CommandCenter.Web.Wall;

/// <summary>
/// Chinese wording of events for the ticker: a label per type and a one-line summary drawn from the payload and,
/// for follow-up events, from the entity they move on. Returns plain text; the page renders it encoded.
/// </summary>
public sealed class EventLabels(DistrictModel district)
{
    private const int SummaryMax = 48;

    private static readonly FrozenDictionary<string, string> TypeLabels = new Dictionary<string, string>
    {
        [EventTypes.IncidentReported] = "事件上报",
        [EventTypes.IncidentAccepted] = "事件受理",
        [EventTypes.IncidentAssigned] = "事件派遣",
        [EventTypes.IncidentResolved] = "事件处置",
        [EventTypes.IncidentVerified] = "事件核查",
        [EventTypes.IncidentClosed] = "事件结案",
        [EventTypes.IncidentReopened] = "事件重启",
        [EventTypes.TicketReceived] = "12345 来电",
        [EventTypes.TicketAssigned] = "工单派发",
        [EventTypes.TicketFeedback] = "工单反馈",
        [EventTypes.TicketVerified] = "工单回访",
        [EventTypes.TicketClosed] = "工单办结",
        [EventTypes.TicketEvaluated] = "工单评价",
        [EventTypes.TicketReopened] = "工单重办",
        [EventTypes.WhistleBlown] = "街道吹哨",
        [EventTypes.WhistleDepartmentReported] = "部门报到",
        [EventTypes.WhistleEscalated] = "吹哨升级",
        [EventTypes.WhistleResolved] = "处理反馈",
        [EventTypes.WhistleClosed] = "核实结项",
        [EventTypes.WhistleEvaluated] = "综合评价",
        [EventTypes.DispatchCreated] = "执法派单",
        [EventTypes.DispatchAcknowledged] = "派单签收",
        [EventTypes.DispatchEnRoute] = "出警途中",
        [EventTypes.DispatchOnScene] = "到达现场",
        [EventTypes.DispatchCompleted] = "处置完毕",
        [EventTypes.DispatchCancelled] = "派单取消",
        [EventTypes.TeamStatusChanged] = "队伍状态",
        [EventTypes.DeadlineMissed] = "超期预警",
    }.ToFrozenDictionary();

    public static string TypeLabel(string type) => TypeLabels.GetValueOrDefault(type, type);

    public static string Level(WhistleLevel level) => level switch
    {
        WhistleLevel.WorkAdvance => "工作推进哨",
        WhistleLevel.ToughProblem => "攻坚克难哨",
        _ => "区级协调",
    };

    public static string Status(TeamStatus status) => status switch
    {
        TeamStatus.Available => "待命",
        TeamStatus.Dispatched => "已派单",
        TeamStatus.EnRoute => "途中",
        TeamStatus.OnScene => "现场",
        _ => "休整",
    };

    public string StreetName(string code) => district.StreetsByCode.TryGetValue(code, out var street) ? ShortName(street) : code;

    /// <summary>"宁海路街道" → "宁海路": on the wall every name is a street's, and space is short.</summary>
    public static string ShortName(Street street) => street.Name.EndsWith("街道", StringComparison.Ordinal) ? street.Name[..^2] : street.Name;

    public TickerRow Row(EventEnvelope e, DistrictState state) => new(
        e.Id,
        DistrictClock.ToLocal(e.OccurredAt).ToString("HH:mm:ss"),
        StreetName(e.Street),
        TypeLabel(e.Type),
        Clip(Summary(e, state)),
        e.Type == EventTypes.DeadlineMissed ? "alert" : e.Family);

    private string Summary(EventEnvelope e, DistrictState state) => e.Payload switch
    {
        IncidentReported p => $"{p.Category}｜{p.Title}",
        IncidentAssigned p => $"{IncidentTitle(state, p.IncidentId)} → {BodyName(p.Body)}",
        IncidentResolved p => $"{IncidentTitle(state, p.IncidentId)}：{p.Outcome}",
        IncidentReopened p => $"{IncidentTitle(state, p.IncidentId)}：{p.Reason}",
        IncidentAccepted p => IncidentTitle(state, p.IncidentId),
        IncidentVerified p => IncidentTitle(state, p.IncidentId),
        IncidentClosed p => IncidentTitle(state, p.IncidentId),

        TicketReceived p => $"{p.Category}｜{p.Content}",
        TicketAssigned p => $"{TicketTopic(state, p.TicketId)} → {BodyName(p.Body)}",
        TicketEvaluated p => $"{TicketTopic(state, p.TicketId)}：{Satisfaction(p.Satisfaction)}",
        TicketReopened p => $"{TicketTopic(state, p.TicketId)}：{p.Reason}",
        TicketFeedback p => TicketTopic(state, p.TicketId),
        TicketVerified p => TicketTopic(state, p.TicketId),
        TicketClosed p => TicketTopic(state, p.TicketId),

        WhistleBlown p => $"{Level(p.Level)}｜{p.Title}",
        WhistleDepartmentReported p => $"{DepartmentName(p.Department)} 报到｜{WhistleTitle(state, p.WhistleId)}",
        WhistleEscalated p => $"升级为{Level(p.ToLevel)}｜{WhistleTitle(state, p.WhistleId)}",
        WhistleResolved p => WhistleTitle(state, p.WhistleId),
        WhistleClosed p => WhistleTitle(state, p.WhistleId),
        WhistleEvaluated p => WhistleTitle(state, p.WhistleId),

        DispatchCreated p => $"{TeamName(p.TeamId)} 出动" + (p.IncidentId is { } incident ? $"｜{IncidentTitle(state, incident)}" : ""),
        DispatchAcknowledged p => DispatchTeam(state, p.DispatchId),
        DispatchEnRoute p => DispatchTeam(state, p.DispatchId),
        DispatchOnScene p => DispatchTeam(state, p.DispatchId),
        DispatchCompleted p => $"{DispatchTeam(state, p.DispatchId)}：{p.Outcome}",
        DispatchCancelled p => $"{DispatchTeam(state, p.DispatchId)}：{p.Reason}",

        TeamStatusChanged p => $"{TeamName(p.TeamId)} → {Status(p.Status)}",
        DeadlineMissed p => p.Kind switch
        {
            DeadlineKind.Incident => $"事件超期｜{IncidentTitle(state, p.EntityId)}",
            DeadlineKind.Ticket => $"工单超期｜{TicketTopic(state, p.EntityId)}",
            _ => $"{DepartmentName(p.Department ?? "")} 未按时报到｜{WhistleTitle(state, p.EntityId)}",
        },
        _ => e.Type,
    };

    private static string IncidentTitle(DistrictState state, Guid id) =>
        state.Incidents.TryGetValue(id, out var incident) ? incident.Title : "事件";

    private static string TicketTopic(DistrictState state, Guid id) =>
        state.Tickets.TryGetValue(id, out var ticket) ? $"{ticket.Category}｜{ticket.Content}" : "工单";

    private static string WhistleTitle(DistrictState state, Guid id) =>
        state.Whistles.TryGetValue(id, out var whistle) ? whistle.Title : "吹哨";

    private string DispatchTeam(DistrictState state, Guid id) =>
        state.Dispatches.TryGetValue(id, out var dispatch) ? TeamName(dispatch.TeamId) : "执法队伍";

    private string TeamName(string id) => district.Teams.TryGetValue(id, out var team) ? team.Team.Name : id;

    private string BodyName(string code) => district.BodiesByCode.TryGetValue(code, out var body) ? body.Name : code;

    private string DepartmentName(string code) => district.DepartmentsByCode.TryGetValue(code, out var department) ? department.Name : code;

    private static string Satisfaction(Core.Events.Satisfaction satisfaction) => satisfaction switch
    {
        Core.Events.Satisfaction.Satisfied => "满意",
        Core.Events.Satisfaction.BasicallySatisfied => "基本满意",
        _ => "不满意",
    };

    private static string Clip(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= SummaryMax ? line : line[..SummaryMax] + "…";
    }
}
