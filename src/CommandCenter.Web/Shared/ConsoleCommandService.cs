using System.Security.Claims;
using CommandCenter.Core.Access;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Time;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;

namespace CommandCenter.Web.Shared;

/// <summary>
/// The one way a person's action becomes an event (docs/architecture.md, "commands become events"): the actor is taken
/// from the signed-in user, the envelope is written by <see cref="EnvelopeWriter"/> as every producer's is, the action
/// is checked against the permission table (<see cref="Permissions.ToSend"/>) and against live state with the same
/// reducer the pipeline runs, then appended. The reducer checks the actor again when the event comes back. The live
/// state it is tried against is the person's view of it (<see cref="CallerView"/>): an id outside their scope answers
/// exactly as an unknown one.
/// </summary>
public sealed class ConsoleCommandService(
    EnvelopeParser parser, DistrictReducer reducer, LiveState live, IEventLog log, TimeProvider time, ILogger<ConsoleCommandService> logger)
{
    public async Task<CommandResult> ExecuteAsync(ClaimsPrincipal user, ConsoleCommand command, CancellationToken ct = default)
    {
        if (user.IsKiosk() || user.ToActor() is not { } actor)
            return CommandResult.Forbidden(new Refusal(RejectionCode.NotPermitted, "only a signed-in person can act; kiosk tokens are read-only"));

        if (command.Data.Any(member => string.Equals(member.Key, "actor", StringComparison.OrdinalIgnoreCase)))
            return new CommandResult(CommandStatus.Invalid, "data must not carry an actor: who acted is taken from the sign-in", Code: RejectionCode.Malformed);

        // Times the app writes are the district's own (+08:00), as a producer in Nanjing writes them.
        var fields = EnvelopeWriter.ToFields(command.Type, command.Data, command.Street, ActorRoles.ConsoleSource,
            DistrictClock.ToLocal(time.GetUtcNow()), actor: actor);
        var parsed = parser.Parse(fields);
        if (!parsed.IsValid)
            return new CommandResult(CommandStatus.Invalid, parsed.Error, Code: RejectionCode.Malformed);
        var envelope = parsed.Envelope!;

        var state = CallerView.Of(actor, live.Current.State, envelope.Payload);
        if (Permissions.ToSend(actor, envelope, CallerView.WhistleOf(envelope.Payload) is { } id ? state.Whistles.GetValueOrDefault(id) : null) is { } refused)
            return CommandResult.Forbidden(refused);

        var trial = reducer.Apply(state, envelope);
        if (!trial.IsApplied)
            return new CommandResult(CommandStatus.Conflict, trial.Reason, Code: trial.Code);

        try
        {
            await log.AppendAsync([fields], ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Console command {Type} by {User} not appended", command.Type, actor.UserId);
            return new CommandResult(CommandStatus.Unavailable, $"the event log did not take the command ({ex.GetType().Name}); nothing was recorded, retry");
        }
        return new CommandResult(CommandStatus.Appended, EventId: envelope.Id);
    }
}
