namespace CommandCenter.Core.EventLog;

/// <summary>
/// One raw entry as the log holds it: the producer's fields, unvalidated. <see cref="DeliveryCount"/> is how
/// many times the consumer group has handed it out (1 on first delivery; 0 when read by a tail).
/// </summary>
/// <param name="Problem">Set by the adapter when the store's bytes could not become <see cref="Fields"/> faithfully
/// (e.g. a value that is not valid UTF-8): the entry is then refused with this reason, never applied with
/// replacement characters.</param>
public sealed record LogEntry(LogPosition Position, IReadOnlyDictionary<string, string> Fields, int DeliveryCount = 0, string? Problem = null);

/// <summary>What the log says about itself, for health and operations.</summary>
public sealed record LogInfo(string Name, long Length, LogPosition? LastPosition, long Pending, long DeadLettered);

/// <summary>An entry delivered to a consumer and not yet acknowledged: who has it, for how long, how often delivered.</summary>
public sealed record PendingEntry(LogPosition Position, string Consumer, TimeSpan Idle, int DeliveryCount);
