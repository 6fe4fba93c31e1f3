using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Tests.Support;

/// <summary>
/// Drives the reducer the way the pipeline does: payload → fields (EnvelopeWriter) → envelope (EnvelopeParser) →
/// reducer. Keeps the state, a clock that moves one minute per event, and the log of every envelope it made.
/// </summary>
internal sealed class Flow
{
    public const string Street = "ninghailu";
    public const string OtherStreet = "huaqiaolu";
    public static readonly string[] Departments = ["chengguan", "market"];

    public static readonly DistrictModel Model = DistrictModel.Gulou;
    public static readonly EnvelopeParser Parser = new(Model);
    public static readonly DistrictReducer Reducer = new(Model);
    public static readonly TimeSpan China = TimeSpan.FromHours(8);
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, China);

    public DistrictState State { get; set; } = DistrictState.Empty;
    public DateTimeOffset Now { get; set; } = Start;
    public List<EventEnvelope> Log { get; } = [];

    public static string Grid(string street = Street, int index = 0) => Model.StreetsByCode[street].Communities[0].Grids[index].Id;

    public static string Team(string street = Street, int index = 0) => Model.StreetsByCode[street].Teams[index].Id;

    /// <summary>Builds an envelope through the writer and the parser, failing the test if the parser refuses it.</summary>
    public static EventEnvelope Envelope(IEventPayload payload, string street, DateTimeOffset at, Guid? id = null, Actor? actor = null)
    {
        var parsed = Parser.Parse(EnvelopeWriter.ToFields(payload, street, "console", at, id, actor));
        Assert.True(parsed.IsValid, parsed.Error);
        return parsed.Envelope!;
    }

    /// <summary>The next envelope: one minute after the previous one unless <paramref name="at"/> says otherwise.</summary>
    public EventEnvelope Next(IEventPayload payload, string street = Street, DateTimeOffset? at = null, Guid? id = null)
    {
        Now = at ?? Now.AddMinutes(1);
        var envelope = Envelope(payload, street, Now, id, ActorFor(payload, street));
        Log.Add(envelope);
        return envelope;
    }

    /// <summary>
    /// Console whistle events must name an actor allowed to act (DistrictReducer.WhistleActorProblem): the street's
    /// director, or the liaison of the department that reports in.
    /// </summary>
    public static Actor? ActorFor(IEventPayload payload, string street) => payload switch
    {
        WhistleDepartmentReported p => new Actor($"{p.Department}-liaison", ActorRoles.DepartmentLiaison, null, p.Department),
        WhistleBlown or WhistleEscalated or WhistleResolved or WhistleClosed or WhistleEvaluated =>
            new Actor($"{street}-director", ActorRoles.StreetDirector, street),
        _ => null,
    };

    public Reduction Apply(EventEnvelope envelope)
    {
        var result = Reducer.Apply(State, envelope);
        State = result.State;
        return result;
    }

    public Reduction Apply(IEventPayload payload, string street = Street, DateTimeOffset? at = null) => Apply(Next(payload, street, at));

    /// <summary>Applies preconditions; each must be applied, or the test is wrong rather than the reducer.</summary>
    public void Given(params IEventPayload[] payloads) => GivenIn(Street, payloads);

    public void GivenIn(string street, params IEventPayload[] payloads)
    {
        foreach (var payload in payloads)
        {
            var result = Apply(payload, street);
            Assert.True(result.IsApplied, $"precondition {EventTypes.NameOf(payload)} was {result.Outcome}: {result.Reason}");
        }
    }

    public Guid NewIncident(string street = Street, DateTimeOffset? dueAt = null, string? grid = null)
    {
        var id = Guid.NewGuid();
        GivenIn(street, new IncidentReported(id, grid ?? Grid(street), "占道经营", 2, "人行道流动摊贩占道经营",
            "早高峰时段人行道被摊点占用", dueAt, "网格员张敏"));
        return id;
    }

    /// <summary>A new incident walked along the happy path to <paramref name="status"/>.</summary>
    public Guid IncidentAt(IncidentStatus status, string street = Street, DateTimeOffset? dueAt = null)
    {
        var id = NewIncident(street, dueAt);
        var path = new IEventPayload[]
        {
            new IncidentAccepted(id), new IncidentAssigned(id, "city-management", "城管队员李强"),
            new IncidentResolved(id, "摊贩已劝离，现场恢复通行"), new IncidentVerified(id, "网格员复核属实"), new IncidentClosed(id),
        };
        var steps = status switch
        {
            IncidentStatus.Reported => 0,
            IncidentStatus.Accepted => 1,
            IncidentStatus.Assigned => 2,
            IncidentStatus.Resolved => 3,
            IncidentStatus.Verified => 4,
            _ => 5,
        };
        GivenIn(street, path[..steps]);
        if (status == IncidentStatus.Reopened)
            GivenIn(street, new IncidentReopened(id, "居民反映摊贩又回来了"));
        return id;
    }

    public Guid NewTicket(string street = Street, DateTimeOffset? dueAt = null)
    {
        var id = Guid.NewGuid();
        GivenIn(street, new TicketReceived(id, "12345", "噪音扰民", "楼下餐馆夜间排风扇噪音很大，影响休息", "138****5678",
            dueAt ?? Now.AddDays(1), "宁海路某小区3栋"));
        return id;
    }

    public Guid TicketAt(TicketStatus status, string street = Street, DateTimeOffset? dueAt = null, Satisfaction rating = Satisfaction.Satisfied)
    {
        var id = NewTicket(street, dueAt);
        var path = new IEventPayload[]
        {
            new TicketAssigned(id, "city-management"), new TicketFeedback(id, "已约谈商户，排风扇加装消音设备"),
            new TicketVerified(id, "回访市民，噪音已明显减小"), new TicketClosed(id), new TicketEvaluated(id, rating),
        };
        var steps = status switch
        {
            TicketStatus.Received => 0,
            TicketStatus.Assigned => 1,
            TicketStatus.Answered => 2,
            TicketStatus.Verified => 3,
            TicketStatus.Closed => 4,
            TicketStatus.Evaluated => 5,
            _ => 2,
        };
        GivenIn(street, path[..steps]);
        if (status == TicketStatus.Reopened)
            GivenIn(street, new TicketReopened(id, "市民回访不认可处理结果"));
        return id;
    }

    public Guid NewWhistle(string street = Street, WhistleLevel level = WhistleLevel.WorkAdvance, DateTimeOffset? reportDueAt = null)
    {
        var id = Guid.NewGuid();
        GivenIn(street, new WhistleBlown(id, level, "老旧小区加装电梯协调", Departments, reportDueAt ?? Now.AddHours(4),
            "需住建、城管联合现场办公"));
        return id;
    }

    public Guid WhistleAt(WhistleStatus status, string street = Street, WhistleLevel level = WhistleLevel.WorkAdvance)
    {
        var id = NewWhistle(street, level);
        if (status == WhistleStatus.Blown)
            return id;
        GivenIn(street, new WhistleDepartmentReported(id, "chengguan", "已到场"), new WhistleResolved(id, "联合现场办公，问题已解决"));
        if (status is WhistleStatus.Closed or WhistleStatus.Evaluated)
            GivenIn(street, new WhistleClosed(id, "街道核实结项"));
        if (status == WhistleStatus.Evaluated)
            GivenIn(street, new WhistleEvaluated(id, [new DepartmentRating("chengguan", 95)]));
        return id;
    }

    public Guid DispatchAt(DispatchStatus status, string street = Street, string? team = null, Guid? incident = null)
    {
        var id = Guid.NewGuid();
        GivenIn(street, new DispatchCreated(id, team ?? Team(street), incident, "请尽快到场处置"));
        var path = status switch
        {
            DispatchStatus.Created => [],
            DispatchStatus.Acknowledged => [new DispatchAcknowledged(id)],
            DispatchStatus.EnRoute => [new DispatchEnRoute(id)],
            DispatchStatus.OnScene => [new DispatchEnRoute(id), new DispatchOnScene(id)],
            DispatchStatus.Completed => [new DispatchEnRoute(id), new DispatchOnScene(id), new DispatchCompleted(id, "现场处置完毕")],
            _ => new IEventPayload[] { new DispatchCancelled(id, "当事人已自行整改") },
        };
        GivenIn(street, path);
        return id;
    }
}
