using System.Collections.Frozen;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Access;

/// <summary>
/// Who may do and see what: the one permission table over an <see cref="Actor"/>, read by the pages (what they offer),
/// the command service (what it appends) and the reducer (what a console event may do, checked again from its own
/// <c>actor</c>). Pure. The rules come from the reform (docs/domain.md): a street's leadership
/// (街道领导班子) blows a work-advance whistle, only its party secretary or office director (the street director) a
/// tough-problem one; the departments a whistle summons report in through their liaisons; the street verifies, closes
/// and rates; escalation goes to the street director or the district's leaders. Street people read their own street,
/// liaisons the whistles that summon their department, district-wide roles everything.
/// </summary>
public static class Permissions
{
    /// <summary>One row: who may send events of a type, and the rule in words when they may not.</summary>
    private sealed record Rule(Func<Actor, CommandSubject, bool> Allows, Func<CommandSubject, string> Refused);

    /// <summary>Operations on incidents, tickets, dispatches, teams and deadlines: district-wide operations roles anywhere,
    /// a street's leadership in its own street.</summary>
    private static readonly Rule Operations = new((a, s) => Operates(a) || Leads(a, s.Street), _ => "your role cannot act on this");

    private static readonly Rule Leadership = new((a, s) => Leads(a, s.Street),
        _ => "a whistle is verified, closed and evaluated only by the street's leadership");

    /// <summary>The command table: every event type a person may append from a console. Types not listed (the
    /// pipeline's own notices) nobody may send.</summary>
    private static readonly FrozenDictionary<string, Rule> Commands = new Dictionary<string, Rule>
    {
        [EventTypes.IncidentReported] = Operations,
        [EventTypes.IncidentAccepted] = Operations,
        [EventTypes.IncidentAssigned] = Operations,
        [EventTypes.IncidentResolved] = Operations,
        [EventTypes.IncidentVerified] = Operations,
        [EventTypes.IncidentClosed] = Operations,
        [EventTypes.IncidentReopened] = Operations,
        [EventTypes.TicketReceived] = Operations,
        [EventTypes.TicketAssigned] = Operations,
        [EventTypes.TicketFeedback] = Operations,
        [EventTypes.TicketVerified] = Operations,
        [EventTypes.TicketClosed] = Operations,
        [EventTypes.TicketEvaluated] = Operations,
        [EventTypes.TicketReopened] = Operations,
        [EventTypes.DispatchCreated] = Operations,
        [EventTypes.DispatchAcknowledged] = Operations,
        [EventTypes.DispatchEnRoute] = Operations,
        [EventTypes.DispatchOnScene] = Operations,
        [EventTypes.DispatchCompleted] = Operations,
        [EventTypes.DispatchCancelled] = Operations,
        [EventTypes.TeamStatusChanged] = Operations,
        [EventTypes.DeadlineMissed] = Operations,

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

    /// <summary>Operator, dispatcher and district leader: the roles that run operations across the district.</summary>
    public static bool Operates(Actor actor) =>
        actor.Role is ActorRoles.Operator or ActorRoles.Dispatcher or ActorRoles.DistrictLeader;

    /// <summary>Roles that read the whole district: the operations roles and the administrator.</summary>
    public static bool SeesWholeDistrict(Actor actor) => Operates(actor) || actor.Role == ActorRoles.Admin;

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
        View.DistrictWall => SeesWholeDistrict(actor),
        View.Street => street is not null && CanRead(actor, street),
        View.Dispatch => Operates(actor) || IsStreetScoped(actor),
        View.Console => actor.Role != ActorRoles.Admin,
        View.Whistles => true,
        View.Administration => actor.Role == ActorRoles.Admin,
        _ => false,
    };

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
