using CommandCenter.Core.Access;
using CommandCenter.Core.Events;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Reducing;

/// <summary>
/// Who may do what to a whistle, checked from the event's own <c>actor</c> for events from the console against the
/// permission table (<see cref="Permissions"/>), so a command that slipped past the web app's command service (or was
/// appended by hand) still cannot take effect. Other sources (producers, the simulator, the deadline watcher) are
/// systems, trusted by their API key.
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

    private static Reduction Reject(DistrictState state, Refusal refusal) => Reject(state, refusal.Code, refusal.Reason);
}
