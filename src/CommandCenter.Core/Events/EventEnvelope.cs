namespace CommandCenter.Core.Events;

/// <summary>
/// One event as it travels through the log (docs/events.md), parsed and validated.
/// <see cref="DataJson"/> keeps the producer's payload text so history and replays stay byte-faithful.
/// </summary>
public sealed record EventEnvelope(
    string Id,
    string Type,
    DateTimeOffset OccurredAt,
    string Source,
    string Street,
    int Version,
    IEventPayload Payload,
    string DataJson,
    Actor? Actor = null)
{
    /// <summary>The family is the part of the type before the first dot: <c>ticket</c> of <c>ticket.received</c>.</summary>
    public string Family => Type[..Type.IndexOf('.')];
}

/// <summary>
/// Who did it, for events appended by people at a console (carried as <c>data.actor</c>): the user, one of
/// <see cref="ActorRoles"/>, the street a street-scoped user is bound to, the department a liaison is bound to.
/// </summary>
public sealed record Actor(string UserId, string Role, string? Street = null, string? Department = null);
