namespace CommandCenter.Core.Events;

/// <summary>
/// The projector's notice, appended to the log itself, that the entry at <see cref="Position"/> was dead-lettered
/// because it failed alone on repeated delivery (docs/decisions/0009). Not a domain event: the reducer never sees
/// it. Every live state that meets it resynchronises from the database once the database holds that position, so no
/// screen keeps what the database does not hold. Only the projector appends it (source <see cref="Source"/>).
/// </summary>
/// <param name="Position">The dead-lettered entry's log position (<c>ms-seq</c>).</param>
/// <param name="Reason">Why, in plain words.</param>
/// <param name="EnvelopeId">The entry's envelope id.</param>
public sealed record LogDeadLettered(string Position, string Reason, string? EnvelopeId = null) : IEventPayload
{
    public const string Source = "projector";
}
