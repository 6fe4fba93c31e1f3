using CommandCenter.Core.Access;
using CommandCenter.Core.Events;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Reducing;

/// <summary>
/// Who may do what, checked from the event's own <c>actor</c> for events from the console against the permission table
/// (<see cref="Permissions"/>), so a command that slipped past the web app's command service (or was appended by hand)
/// still cannot take effect. Other sources (producers, the simulator, the deadline watcher) are systems, trusted by their
/// API key or their Redis account for the event families of their system; from rules 2 on (docs/decisions/0015) an
/// <c>actor</c> they write is not honoured: nothing they send is credited to a person.
/// </summary>
public sealed partial class DistrictReducer
{
    /// <summary>Why the event's actor may not do this, or null.</summary>
    public static Refusal? WhistleActorProblem(EventEnvelope e, Whistle? whistle)
    {
        if (!string.Equals(e.Source, ActorRoles.ConsoleSource, StringComparison.Ordinal) || e.Family != "whistle")
            return null;
        return e.Actor is { } actor
            ? Permissions.Check(actor, e.Type, CommandSubject.Of(e, whistle))
            : new Refusal(RejectionCode.ActorMissing, $"{e.Type} from the console must name its actor");
    }

    /// <summary>
    /// The person an event is credited to: its <c>actor</c>, honoured from rules 2 on only when the event comes from the
    /// console (rules 1 honoured it from any source, and logs recorded then replay so).
    /// </summary>
    public static Actor? CreditedActor(DistrictState state, EventEnvelope e) =>
        state.Rules >= 2 && !string.Equals(e.Source, ActorRoles.ConsoleSource, StringComparison.Ordinal) ? null : e.Actor;

    /// <summary>
    /// From rules 2 on, a console event of any family is checked against the table from its actor (whistle events are
    /// checked by their own rules, with the whistle, under every version); rules 1 checked whistle events only.
    /// </summary>
    private static Refusal? ConsoleActorProblem(DistrictState state, EventEnvelope e)
    {
        if (state.Rules < 2 || !string.Equals(e.Source, ActorRoles.ConsoleSource, StringComparison.Ordinal) || e.Family == "whistle")
            return null;
        return e.Actor is { } actor
            ? Permissions.Check(actor, e.Type, new CommandSubject(e.Street))
            : new Refusal(RejectionCode.ActorMissing, $"{e.Type} from the console must name its actor");
    }

    private static Reduction Reject(DistrictState state, Refusal refusal) => Reject(state, refusal.Code, refusal.Reason);
}
