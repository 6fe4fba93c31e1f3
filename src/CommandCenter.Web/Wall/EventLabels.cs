using System.Collections.Frozen;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;
using CommandCenter.Core.Text;
using CommandCenter.Core.Time;

namespace CommandCenter.Web.Wall;

/// <summary>
/// The wording of events for the ticker, in both wall languages: a label per type and a one-line summary drawn from
/// the payload and, for follow-up events, from the entity they move on. Payload texts (titles, contents) stay as the
/// producer wrote them, but for phone and identity-card numbers, which are masked. Returns plain text; the page renders it encoded.
/// </summary>
public sealed class EventLabels(DistrictModel district)
{
    private const int SummaryMax = 48;

    private static readonly FrozenDictionary<string, Bilingual> TypeLabels = new Dictionary<string, Bilingual>
    {
        [EventTypes.IncidentReported] = new("事件上报", "Incident reported"),
        [EventTypes.IncidentAccepted] = new("事件受理", "Incident accepted"),
        [EventTypes.IncidentAssigned] = new("事件派遣", "Incident assigned"),
        [EventTypes.IncidentResolved] = new("事件处置", "Incident resolved"),
        [EventTypes.IncidentVerified] = new("事件核查", "Incident verified"),
        [EventTypes.IncidentClosed] = new("事件结案", "Incident closed"),
        [EventTypes.IncidentReopened] = new("事件重启", "Incident reopened"),
        [EventTypes.TicketReceived] = new("12345 来电", "12345 call"),
        [EventTypes.TicketAssigned] = new("工单派发", "Ticket assigned"),
        [EventTypes.TicketFeedback] = new("工单反馈", "Ticket feedback"),
        [EventTypes.TicketVerified] = new("工单回访", "Ticket verified"),
        [EventTypes.TicketClosed] = new("工单办结", "Ticket closed"),
        [EventTypes.TicketEvaluated] = new("工单评价", "Ticket rated"),
        [EventTypes.TicketReopened] = new("工单重办", "Ticket reopened"),
        [EventTypes.WhistleBlown] = new("街道吹哨", "Whistle blown"),
        [EventTypes.WhistleDepartmentReported] = new("部门报到", "Dept. reported in"),
        [EventTypes.WhistleEscalated] = new("吹哨升级", "Whistle escalated"),
        [EventTypes.WhistleResolved] = new("处理反馈", "Whistle feedback"),
        [EventTypes.WhistleClosed] = new("核实结项", "Whistle closed"),
        [EventTypes.WhistleEvaluated] = new("综合评价", "Whistle rated"),
        [EventTypes.DispatchCreated] = new("执法派单", "Dispatch"),
        [EventTypes.DispatchAcknowledged] = new("派单签收", "Dispatch signed"),
        [EventTypes.DispatchEnRoute] = new("出警途中", "En route"),
        [EventTypes.DispatchOnScene] = new("到达现场", "On scene"),
        [EventTypes.DispatchCompleted] = new("处置完毕", "Dispatch done"),
        [EventTypes.DispatchCancelled] = new("派单取消", "Dispatch cancelled"),
        [EventTypes.TeamStatusChanged] = new("队伍状态", "Team status"),
        [EventTypes.DeadlineMissed] = new("超期预警", "Overdue alert"),
    }.ToFrozenDictionary();

    public static Bilingual TypeLabel(string type) => TypeLabels.TryGetValue(type, out var label) ? label : Bilingual.Same(type);

    public static Bilingual Level(WhistleLevel level) => level switch
    {
        WhistleLevel.WorkAdvance => new("工作推进哨", "work-advance whistle"),
        WhistleLevel.ToughProblem => new("攻坚克难哨", "tough-problem whistle"),
        _ => new("区级协调", "district coordination"),
    };

    public static Bilingual Status(TeamStatus status) => status switch
    {
        TeamStatus.Available => new("待命", "available"),
        TeamStatus.Dispatched => new("已派单", "dispatched"),
        TeamStatus.EnRoute => new("途中", "en route"),
        TeamStatus.OnScene => new("现场", "on scene"),
        _ => new("休整", "off duty"),
    };

    public Bilingual StreetName(string code) =>
        district.StreetsByCode.TryGetValue(code, out var street) ? ShortName(street) : Bilingual.Same(code);

    /// <summary>"宁海路街道" → "宁海路", "Ninghailu Street" → "Ninghailu": on the wall every name is a street's, and space is short.</summary>
    public static Bilingual ShortName(Street street) => new(
        street.Name.EndsWith("街道", StringComparison.Ordinal) ? street.Name[..^2] : street.Name,
        street.NameEn.EndsWith(" Street", StringComparison.Ordinal) ? street.NameEn[..^7] : street.NameEn);

    public TickerRow Row(EventEnvelope e, DistrictState state) => new(
        e.Id,
        DistrictClock.ToLocal(e.OccurredAt).ToString("HH:mm:ss"),
        StreetName(e.Street),
        TypeLabel(e.Type),
        new Bilingual(Line(Summary(e, state, WallLanguage.ZhCn)), Line(Summary(e, state, WallLanguage.EnUs))),
        e.Type == EventTypes.DeadlineMissed ? "alert" : e.Family,
        e.Street);

    private string Summary(EventEnvelope e, DistrictState state, WallLanguage l)
    {
        var en = l == WallLanguage.EnUs;
        return e.Payload switch
        {
            IncidentReported p => $"{p.Category}｜{p.Title}",
            IncidentAssigned p => $"{IncidentTitle(state, p.IncidentId, l)} → {BodyName(p.Body, l)}",
            IncidentResolved p => $"{IncidentTitle(state, p.IncidentId, l)}：{p.Outcome}",
            IncidentReopened p => $"{IncidentTitle(state, p.IncidentId, l)}：{p.Reason}",
            IncidentAccepted p => IncidentTitle(state, p.IncidentId, l),
            IncidentVerified p => IncidentTitle(state, p.IncidentId, l),
            IncidentClosed p => IncidentTitle(state, p.IncidentId, l),

            TicketReceived p => $"{p.Category}｜{p.Content}",
            TicketAssigned p => $"{TicketTopic(state, p.TicketId, l)} → {BodyName(p.Body, l)}",
            TicketEvaluated p => $"{TicketTopic(state, p.TicketId, l)}：{Satisfaction(p.Satisfaction).For(l)}",
            TicketReopened p => $"{TicketTopic(state, p.TicketId, l)}：{p.Reason}",
            TicketFeedback p => TicketTopic(state, p.TicketId, l),
            TicketVerified p => TicketTopic(state, p.TicketId, l),
            TicketClosed p => TicketTopic(state, p.TicketId, l),

            WhistleBlown p => $"{Level(p.Level).For(l)}｜{p.Title}",
            WhistleDepartmentReported p => en
                ? $"{DepartmentName(p.Department, l)} reported in｜{WhistleTitle(state, p.WhistleId, l)}"
                : $"{DepartmentName(p.Department, l)} 报到｜{WhistleTitle(state, p.WhistleId, l)}",
            WhistleEscalated p => en
                ? $"escalated to {Level(p.ToLevel).En}｜{WhistleTitle(state, p.WhistleId, l)}"
                : $"升级为{Level(p.ToLevel).Zh}｜{WhistleTitle(state, p.WhistleId, l)}",
            WhistleResolved p => WhistleTitle(state, p.WhistleId, l),
            WhistleClosed p => WhistleTitle(state, p.WhistleId, l),
            WhistleEvaluated p => WhistleTitle(state, p.WhistleId, l),

            DispatchCreated p => (en ? $"{TeamName(p.TeamId, l)} dispatched" : $"{TeamName(p.TeamId, l)} 出动")
                + (p.IncidentId is { } incident ? $"｜{IncidentTitle(state, incident, l)}" : ""),
            DispatchAcknowledged p => DispatchTeam(state, p.DispatchId, l),
            DispatchEnRoute p => DispatchTeam(state, p.DispatchId, l),
            DispatchOnScene p => DispatchTeam(state, p.DispatchId, l),
            DispatchCompleted p => $"{DispatchTeam(state, p.DispatchId, l)}：{p.Outcome}",
            DispatchCancelled p => $"{DispatchTeam(state, p.DispatchId, l)}：{p.Reason}",

            TeamStatusChanged p => $"{TeamName(p.TeamId, l)} → {Status(p.Status).For(l)}",
            DeadlineMissed p => p.Kind switch
            {
                DeadlineKind.Incident => (en ? "Incident overdue｜" : "事件超期｜") + IncidentTitle(state, p.EntityId, l),
                DeadlineKind.Ticket => (en ? "Ticket overdue｜" : "工单超期｜") + TicketTopic(state, p.EntityId, l),
                _ => en
                    ? $"{DepartmentName(p.Department ?? "", l)} missed report-in｜{WhistleTitle(state, p.EntityId, l)}"
                    : $"{DepartmentName(p.Department ?? "", l)} 未按时报到｜{WhistleTitle(state, p.EntityId, l)}",
            },
            _ => e.Type,
        };
    }

    private static string IncidentTitle(DistrictState state, Guid id, WallLanguage l) =>
        state.Incidents.TryGetValue(id, out var incident) ? incident.Title : l.T("事件") ;

    private static string TicketTopic(DistrictState state, Guid id, WallLanguage l) =>
        state.Tickets.TryGetValue(id, out var ticket) ? $"{ticket.Category}｜{ticket.Content}" : l.T("工单");

    private static string WhistleTitle(DistrictState state, Guid id, WallLanguage l) =>
        state.Whistles.TryGetValue(id, out var whistle) ? whistle.Title : l.T("吹哨");

    private string DispatchTeam(DistrictState state, Guid id, WallLanguage l) =>
        state.Dispatches.TryGetValue(id, out var dispatch) ? TeamName(dispatch.TeamId, l) : l.T("执法队伍");

    private string TeamName(string id, WallLanguage l) =>
        district.Teams.TryGetValue(id, out var team) ? (l == WallLanguage.EnUs ? team.Team.NameEn : team.Team.Name) : id;

    private string BodyName(string code, WallLanguage l) =>
        district.BodiesByCode.TryGetValue(code, out var body) ? (l == WallLanguage.EnUs ? body.NameEn : body.Name) : code;

    public Bilingual DepartmentName(string code) =>
        district.DepartmentsByCode.TryGetValue(code, out var d) ? new(d.Name, d.NameEn) : Bilingual.Same(code);

    private string DepartmentName(string code, WallLanguage l) => DepartmentName(code).For(l);

    private static Bilingual Satisfaction(Core.Events.Satisfaction satisfaction) => satisfaction switch
    {
        Core.Events.Satisfaction.Satisfied => new("满意", "satisfied"),
        Core.Events.Satisfaction.BasicallySatisfied => new("基本满意", "basically satisfied"),
        _ => new("不满意", "dissatisfied"),
    };

    /// <summary>
    /// One ticker line: personal numbers the producer wrote into the text masked (a wall is seen by many), then cut to
    /// <see cref="SummaryMax"/> text elements and "…", never inside an emoji or a character outside the basic plane.
    /// </summary>
    private static string Line(string text) => TextElements.Clip(PersonalNumbers.Mask(text), SummaryMax + 1, oneLine: true);
}
