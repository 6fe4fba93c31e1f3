namespace CommandCenter.Infrastructure.EventLog;

public enum EventLogProvider { Embedded, Redis }

/// <summary>Section <c>EventLog</c> (docs/architecture.md, "Modes").</summary>
public sealed class EventLogOptions
{
    public const string Section = "EventLog";

    public EventLogProvider Provider { get; set; } = EventLogProvider.Embedded;

    public string StreamKey { get; set; } = "cc:events";

    public string DeadLetterKey { get; set; } = "cc:events:dead";

    /// <summary>
    /// <c>None</c> (one stream, <see cref="StreamKey"/>) or <c>Street</c>: one stream per street,
    /// <c>{StreamKey}:{street}</c> with the braces (Redis Cluster's hash tag), each with its own projector lease,
    /// checkpoint, fencing token, consumer group, idempotency window and snapshots (docs/decisions/0014). Redis only;
    /// chosen before the first event (README, "Streams per street").
    /// </summary>
    public EventLogSharding Sharding { get; set; } = EventLogSharding.None;

    /// <summary>The first problem with these options in plain words, or null.</summary>
    public string? Problem() => Provider switch
    {
        _ when string.IsNullOrWhiteSpace(StreamKey) => "EventLog:StreamKey is empty",
        _ when string.IsNullOrWhiteSpace(DeadLetterKey) => "EventLog:DeadLetterKey is empty",
        _ when StreamKey == DeadLetterKey => "EventLog:StreamKey and EventLog:DeadLetterKey must differ",
        _ when Sharding == EventLogSharding.Street && Provider != EventLogProvider.Redis =>
            "EventLog:Sharding = Street needs EventLog:Provider = Redis (the embedded log is one table, one stream)",
        _ => null,
    };
}
