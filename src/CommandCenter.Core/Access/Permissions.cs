using System.Collections.Frozen;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Access;

/// <summary>
/// Who may do and see what: the one permission table over an <see cref="Actor"/>, read by the pages (what they open and
/// offer), the APIs and the hub (what they answer), the command service (what it appends) and the reducer (what a
/// console event may do, checked again from its own <c>actor</c>). Pure. The rules come from the reform
/// (docs/domain.md) and docs/decisions/0007:
/// <list type="bullet">
/// <item>operators run the 12345 ticket loop and the grid incident loop for every street, a street's leadership
/// (街道领导班子: its leaders and its director) for its own street; a ticket is recorded by the hotline or an operator,
/// and a citizen's rating (满意度) comes from the hotline's call-back or an operator recording it;</item>
/// <item>dispatchers handle incidents, dispatches and teams only (a street's leadership dispatches its own teams);</item>
/// <item>a street's leadership blows a work-advance whistle, only its director a tough-problem one; the departments a
/// whistle summons report in and give feedback through their liaisons, who act on nothing else; the street verifies,
/// closes and rates; escalation goes to the street director or the district's leaders;</item>
/// <item>district leaders read everything and escalate; takeovers of the wall screens are acknowledged by operators,
/// dispatchers and district leaders;</item>
/// <item>the administrator sees no operational data (accounts, keys, kiosks and the audit only).</item>
/// </list>
/// </summary>
public static class Permissions
{
    /// <summary>One row: who may send events of a type, and the rule in words when they may not.</summary>
    private sealed record Rule(Func<Actor, CommandSubject, bool> Allows, Func<CommandSubject, string> Refused);

    private static readonly Rule TicketIntake = new((a, _) => a.Role == ActorRoles.Operator,
        _ => "a 12345 ticket is recorded by the hotline or an operator");

    private static readonly Rule TicketLoop = new((a, s) => a.Role == ActorRoles.Operator || Leads(a, s.Street),
        _ => "12345 tickets are handled by operators and the street's leadership");

    private static readonly Rule CitizenRating = new((a, _) => a.Role == ActorRoles.Operator,
        _ => "a citizen's rating comes from the hotline's call-back or an operator recording it");

    private static readonly Rule IncidentLoop = new((a, s) => a.Role is ActorRoles.Operator or ActorRoles.Dispatcher || Leads(a, s.Street),
        _ => "grid incidents are handled by operators, dispatchers and the street's leadership");

    private static readonly Rule Dispatching = new((a, s) => a.Role == ActorRoles.Dispatcher || Leads(a, s.Street),
        _ => "teams are dispatched and set on or off duty by dispatchers and the street's leadership");

    private static readonly Rule Leadership = new((a, s) => Leads(a, s.Street),
        _ => "a whistle is verified, closed and evaluated only by the street's leadership");

    /// <summary>The command table: every event type a person may append from a console. Types not listed (the
    /// pipeline's own notices) nobody may send; <c>deadline.missed</c> is listed and refused to everyone, since only the
    /// deadline watcher records a missed deadline.</summary>
    private static readonly FrozenDictionary<string, Rule> Commands = new Dictionary<string, Rule>
    {
        [EventTypes.IncidentReported] = IncidentLoop,
        [EventTypes.IncidentAccepted] = IncidentLoop,
        [EventTypes.IncidentAssigned] = IncidentLoop,
        [EventTypes.IncidentResolved] = IncidentLoop,
        [EventTypes.IncidentVerified] = IncidentLoop,
        [EventTypes.IncidentClosed] = IncidentLoop,
        [EventTypes.IncidentReopened] = IncidentLoop,
        [EventTypes.TicketReceived] = TicketIntake,
        [EventTypes.TicketAssigned] = TicketLoop,
        [EventTypes.TicketFeedback] = TicketLoop,
        [EventTypes.TicketVerified] = TicketLoop,
        [EventTypes.TicketClosed] = TicketLoop,
        [EventTypes.TicketEvaluated] = CitizenRating,
        [EventTypes.TicketReopened] = TicketLoop,
        [EventTypes.DispatchCreated] = Dispatching,
        [EventTypes.DispatchAcknowledged] = Dispatching,
        [EventTypes.DispatchEnRoute] = Dispatching,
        [EventTypes.DispatchOnScene] = Dispatching,
        [EventTypes.DispatchCompleted] = Dispatching,
        [EventTypes.DispatchCancelled] = Dispatching,
        [EventTypes.TeamStatusChanged] = Dispatching,
        [EventTypes.DeadlineMissed] = new((_, _) => false, _ => "a missed deadline is recorded by the deadline watcher, not by a person"),

        // 工作推进哨 by the street's leadership; 攻坚克难哨 (and anything higher) only by its director.
        [EventTypes.WhistleBlown] = new(
            (a, s) => s.Level == WhistleLevel.WorkAdvance ? Leads(a, s.Street) : Directs(a, s.Street),
            s => s.Level == WhistleLevel.WorkAdvance
                ? "a work-advance whistle can be blown only by a street leader or director of that street"
                : "a tough-problem whistle can be blown only by the street director of that street"),
        // Whether the department was summoned at all is the transition's own rule, checked after this one.
        [EventTypes.WhistleDepartmentReported] = new(
            (a, s) => a.Role == ActorRoles.DepartmentLiaison && a.Department is not null && a.Department == s.Department,
            s => $"only a liaison of department '{s.Department}' can report it in"),
        [EventTypes.WhistleResolved] = new(
            (a, s) => Leads(a, s.Street) || IsSummonedLiaison(a, s.Whistle),
            _ => "feedback comes from a liaison of a summoned department or the street's leadership"),
        [EventTypes.WhistleEscalated] = new(
            (a, s) => Directs(a, s.Street) || a.Role == ActorRoles.DistrictLeader,
            _ => "a whistle is escalated only by the street director or a district leader"),
        [EventTypes.WhistleClosed] = Leadership,
        [EventTypes.WhistleEvaluated] = Leadership,
    }.ToFrozenDictionary();

    /// <summary>The event types a person may ever append (the table's rows).</summary>
    public static IEnumerable<string> CommandTypes => Commands.Keys;

    /// <summary>Operator, dispatcher and district leader: the roles that read operations across the whole district.</summary>
    public static bool Operates(Actor actor) =>
        actor.Role is ActorRoles.Operator or ActorRoles.Dispatcher or ActorRoles.DistrictLeader;

    /// <summary>Roles that read the whole district's operational data: the operations roles (never the administrator,
    /// who sees no operational data).</summary>
    public static bool SeesWholeDistrict(Actor actor) => Operates(actor);

    /// <summary>A street leader or director: bound to one street (<see cref="Actor.Street"/>).</summary>
    public static bool IsStreetScoped(Actor actor) => actor.Role is ActorRoles.StreetLeader or ActorRoles.StreetDirector;

    /// <summary>A member of <paramref name="street"/>'s leadership (street leader or director of that street).</summary>
    public static bool Leads(Actor actor, string street) => IsStreetScoped(actor) && actor.Street == street;

    /// <summary>The street director (party secretary or office director) of <paramref name="street"/>.</summary>
    public static bool Directs(Actor actor, string street) => actor.Role == ActorRoles.StreetDirector && actor.Street == street;

    /// <summary>The department a liaison speaks for; null for everyone else.</summary>
    public static string? LiaisonDepartment(Actor actor) => actor.Role == ActorRoles.DepartmentLiaison ? actor.Department : null;

    public static bool Summons(Whistle whistle, string department) => whistle.Departments.Any(d => d.Department == department);

    /// <summary>A liaison of a department the whistle summons.</summary>
    public static bool IsSummonedLiaison(Actor actor, Whistle? whistle) =>
        LiaisonDepartment(actor) is { } department && whistle is not null && Summons(whistle, department);

    /// <summary>May the person read <paramref name="street"/>'s items (tickets, incidents, dispatches, its whistles)?</summary>
    public static bool CanRead(Actor actor, string street) => SeesWholeDistrict(actor) || Leads(actor, street);

    /// <summary>A whistle is seen by who may read its street, and by liaisons of the departments it summons.</summary>
    public static bool CanSee(Actor actor, Whistle whistle) => CanRead(actor, whistle.Street) || IsSummonedLiaison(actor, whistle);

    /// <summary>May the person open <paramref name="view"/>? <paramref name="street"/> names the street of <see cref="View.Street"/>.</summary>
    public static bool CanView(Actor actor, View view, string? street = null) => view switch
    {
        View.DistrictWall => Operates(actor),
        View.Street => street is not null && CanRead(actor, street),
        View.Dispatch => Operates(actor) || IsStreetScoped(actor),
        View.Tickets => Operates(actor) || IsStreetScoped(actor),
        View.Console => actor.Role is not ActorRoles.Admin && IsKnownRole(actor),
        View.Takeovers => Operates(actor),
        View.Whistles => actor.Role is not ActorRoles.Admin && IsKnownRole(actor),
        View.Administration => actor.Role == ActorRoles.Admin,
        _ => false,
    };

    /// <summary>May the person acknowledge a takeover of the wall screens (clearing it on every screen)?</summary>
    public static bool MayAcknowledgeTakeover(Actor actor) => CanView(actor, View.Takeovers);

    private static bool IsKnownRole(Actor actor) => actor.Role is ActorRoles.Operator or ActorRoles.Dispatcher or ActorRoles.StreetLeader
        or ActorRoles.StreetDirector or ActorRoles.DepartmentLiaison or ActorRoles.DistrictLeader or ActorRoles.Admin;

    /// <summary>May the person send an event of <paramref name="type"/> about <paramref name="subject"/> (the table only)?</summary>
    public static bool MaySend(Actor actor, string type, CommandSubject subject) =>
        Commands.TryGetValue(type, out var rule) && rule.Allows(actor, subject);

    /// <summary>The levels the person may blow a whistle at in their own street: a street leader work-advance only, the
    /// street director work-advance or tough-problem (the district level comes only by escalation); nobody else.</summary>
    public static IReadOnlyList<WhistleLevel> BlowableLevels(Actor actor) =>
        actor.Street is { } street
            ? [.. new[] { WhistleLevel.WorkAdvance, WhistleLevel.ToughProblem }.Where(level => MaySend(actor, EventTypes.WhistleBlown, new(street, level)))]
            : [];

    /// <summary>The table's verdict on one event: null when allowed, else <see cref="RejectionCode.NotPermitted"/> with the rule.</summary>
    public static Refusal? Check(Actor actor, string type, CommandSubject subject) =>
        !Commands.TryGetValue(type, out var rule) ? new Refusal(RejectionCode.NotPermitted, $"'{type}' is not an event a person may send")
        : rule.Allows(actor, subject) ? null
        : new Refusal(RejectionCode.NotPermitted, rule.Refused(subject));

    /// <summary>
    /// Everything checked before a person's command is tried: the person's scope (a street person acts in their
    /// street, a liaison on whistles that summon their department), then the table. <paramref name="whistle"/> is the
    /// whistle the event names, if the live state holds it. Null when allowed.
    /// </summary>
    public static Refusal? ToSend(Actor actor, EventEnvelope e, Whistle? whistle)
    {
        if (IsStreetScoped(actor) && e.Street != actor.Street)
            return new Refusal(RejectionCode.OutsideScope, $"your street is '{actor.Street}': you cannot act on '{e.Street}'");
        if (whistle is not null && whistle.Street != e.Street)
            return new Refusal(RejectionCode.WrongStreet, $"whistle {whistle.Id} belongs to street '{whistle.Street}'");
        // A liaison acts only on whistles that summon their department: anything else is outside their scope, not merely
        // impossible now.
        if (LiaisonDepartment(actor) is { } department && whistle is not null && !Summons(whistle, department))
            return new Refusal(RejectionCode.OutsideScope, $"your department '{department}' was not summoned by whistle {whistle.Id}");
        return Check(actor, e.Type, CommandSubject.Of(e, whistle));
    }
}
