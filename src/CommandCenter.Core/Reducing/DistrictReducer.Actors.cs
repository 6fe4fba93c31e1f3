using CommandCenter.Core.Events;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Reducing;

/// <summary>
/// Who may do what to a whistle, checked from the event's own <c>actor</c> for events from the console, so a
/// command that slipped past the web app's command service (or was appended by hand) still cannot take effect.
/// Other sources (producers, the simulator, the deadline watcher) are systems, trusted by their API key.
/// </summary>
public sealed partial class DistrictReducer
{
    /// <summary>The reason the event's actor may not do this, or null.</summary>
    public static string? WhistleActorProblem(EventEnvelope e, Whistle? whistle)
    {
        if (!string.Equals(e.Source, ActorRoles.ConsoleSource, StringComparison.Ordinal) || e.Family != "whistle")
            return null;
        if (e.Actor is not { } actor)
            return $"{e.Type} from the console must name its actor";

        var ofStreet = actor.Street == e.Street;
        var director = ofStreet && actor.Role == ActorRoles.StreetDirector;
        var leadership = director || (ofStreet && actor.Role == ActorRoles.StreetLeader);
        return e.Payload switch
        {
            WhistleBlown { Level: WhistleLevel.WorkAdvance } when !leadership =>
                "a work-advance whistle can be blown only by a street leader or director of that street",
            WhistleBlown { Level: not WhistleLevel.WorkAdvance } when !director =>
                "a tough-problem whistle can be blown only by the street director of that street",
            // Whether the department was summoned at all is the transition's own rule, checked after this one.
            WhistleDepartmentReported p when actor.Role != ActorRoles.DepartmentLiaison || actor.Department != p.Department =>
                $"only a liaison of department '{p.Department}' can report it in",
            WhistleResolved when !leadership && !IsLiaisonOf(actor, actor.Department, whistle) =>
                "feedback comes from a liaison of a summoned department or the street's leadership",
            WhistleEscalated when !director && actor.Role != ActorRoles.DistrictLeader =>
                "a whistle is escalated only by the street director or a district leader",
            WhistleClosed or WhistleEvaluated when !leadership =>
                "a whistle is verified, closed and evaluated only by the street's leadership",
            _ => null,
        };
    }

    private static bool IsLiaisonOf(Actor actor, string? department, Whistle? whistle) =>
        actor.Role == ActorRoles.DepartmentLiaison && department is not null && actor.Department == department
        && whistle?.Departments.Any(d => d.Department == department) == true;
}
