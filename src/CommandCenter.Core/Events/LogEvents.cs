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

/// <summary>
/// The leader's housekeeping notice (docs/decisions/0010): closed items whose closing is older than
/// <see cref="ClosedBefore"/> leave the hot state (they stay in the database for search, timelines and exports), and
/// the daily rollups keep only the days around <see cref="Now"/>. Appended by the leader from its own clock, so every
/// reader of the log drops the same items at the same position and replays stay exact.
/// </summary>
/// <param name="Now">The leader's time when it decided.</param>
/// <param name="ClosedBefore">Now minus the configured retention (<c>HotState:Retention</c>).</param>
public sealed record LogArchived(DateTimeOffset Now, DateTimeOffset ClosedBefore) : IEventPayload
{
    public const string Source = "housekeeping";
}

/// <summary>
/// The leader's notice that the reducer's rules of version <see cref="Rules"/> hold from this position of the log on
/// (docs/decisions/0015). The version of the rules an event is reduced by is part of the reducer's state, set only by
/// this notice and only ever raised, so a log replays as it was recorded: what came before the notice keeps the rules it
/// was first reduced by, whatever the code running the replay. Appended by the leader's housekeeping (source
/// <see cref="Source"/>) once, when the log's rules are older than the code's.
/// </summary>
/// <param name="Rules">The version of the reducer's rules adopted (<c>DistrictReducer.LatestRules</c> of the leader).</param>
public sealed record LogRulesAdopted(int Rules) : IEventPayload
{
    public const string Source = "housekeeping";
}
