using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;

namespace CommandCenter.Web.Shared;

/// <summary>
/// The one way a person's action becomes an event (DESIGN §3 "commands become events"): the actor is taken from the
/// signed-in user, the action is checked against the user's role and street and against live state with the same
/// reducer the pipeline runs, then appended. The reducer checks the actor again when the event comes back.
/// </summary>
public sealed class ConsoleCommandService(
    EnvelopeParser parser, DistrictReducer reducer, LiveState live, IEventLog log, TimeProvider time, ILogger<ConsoleCommandService> logger)
{
    public async Task<CommandResult> ExecuteAsync(ClaimsPrincipal user, ConsoleCommand command, CancellationToken ct = default)
    {
        if (user.IsKiosk() || user.ToActor() is not { } actor)
            return CommandResult.Forbidden("only a signed-in person can act; kiosk tokens are read-only");
        if (actor.Role == ActorRoles.Admin)
            return CommandResult.Forbidden("an administrator manages accounts, not operations");

        var data = (JsonObject)command.Data.DeepClone();
        data["actor"] = JsonSerializer.SerializeToNode(actor, EventJson.Options);
        var fields = new Dictionary<string, string>
        {
            [EnvelopeFields.Id] = Guid.NewGuid().ToString(),
            [EnvelopeFields.Type] = command.Type,
            [EnvelopeFields.OccurredAt] = time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture),
            [EnvelopeFields.Source] = ActorRoles.ConsoleSource,
            [EnvelopeFields.Street] = command.Street,
            [EnvelopeFields.Version] = "1",
            [EnvelopeFields.Data] = data.ToJsonString(EventJson.Options),
        };
        var parsed = parser.Parse(fields);
        if (!parsed.IsValid)
            return new CommandResult(CommandStatus.Invalid, parsed.Error);
        var envelope = parsed.Envelope!;
        if (!EventTypes.Domain.Contains(envelope.Type))
            return CommandResult.Forbidden($"'{envelope.Type}' is a notice the pipeline writes itself");

        if (Refusal(user, actor, envelope, live.Current.State) is { } refused)
            return CommandResult.Forbidden(refused);

        var trial = reducer.Apply(live.Current.State, envelope);
        if (!trial.IsApplied)
            return new CommandResult(CommandStatus.Conflict, trial.Reason);

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

    /// <summary>Why this user may not append this event, or null. Street scope first, then the whistle rules.</summary>
    public static string? Refusal(ClaimsPrincipal user, Actor actor, EventEnvelope e, Core.State.DistrictState state)
    {
        var liaison = user.IsInRole(Roles.DepartmentLiaison) && !user.SeesWholeDistrict() && !user.IsStreetScoped();
        if (user.IsStreetScoped() && !user.SeesWholeDistrict() && e.Street != user.StreetOf())
            return $"your street is '{user.StreetOf()}': you cannot act on '{e.Street}'";
        if (liaison && e.Type is not (EventTypes.WhistleDepartmentReported or EventTypes.WhistleResolved))
            return "a department liaison reports in and gives feedback on whistles, nothing else";
        if (e.Family != "whistle")
            return user.SeesWholeDistrict() || user.IsStreetScoped() ? null : "your role cannot act on this";

        state.Whistles.TryGetValue(WhistleId(e.Payload), out var whistle);
        if (whistle is not null && whistle.Street != e.Street)
            return $"whistle {whistle.Id} belongs to street '{whistle.Street}'";
        // A liaison acts only on whistles that summon their department: anything else is outside their scope (403),
        // not merely impossible now.
        if (liaison && whistle is not null && whistle.Departments.All(d => d.Department != user.DepartmentOf()))
            return $"your department '{user.DepartmentOf()}' was not summoned by whistle {whistle.Id}";
        return DistrictReducer.WhistleActorProblem(e, whistle);
    }

    private static Guid WhistleId(IEventPayload payload) => payload switch
    {
        WhistleBlown p => p.WhistleId,
        WhistleDepartmentReported p => p.WhistleId,
        WhistleEscalated p => p.WhistleId,
        WhistleResolved p => p.WhistleId,
        WhistleClosed p => p.WhistleId,
        WhistleEvaluated p => p.WhistleId,
        _ => Guid.Empty,
    };
}
