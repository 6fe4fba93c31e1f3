namespace CommandCenter.Core.EventLog;

/// <summary>
/// One raw entry as the log holds it: the producer's fields, unvalidated. <see cref="DeliveryCount"/> is how
/// many times the consumer group has handed it out (1 on first delivery; 0 when read by a tail).
/// </summary>
public sealed record LogEntry(LogPosition Position, IReadOnlyDictionary<string, string> Fields, int DeliveryCount = 0);

/// <summary>What the log says about itself, for health and operations.</summary>
public sealed record LogInfo(string Name, long Length, LogPosition? LastPosition, long Pending, long DeadLettered);
