namespace CommandCenter.Infrastructure.EventLog;

public enum EventLogProvider { Embedded, Redis }

/// <summary>Section <c>EventLog</c> (docs/architecture.md, "Modes").</summary>
public sealed class EventLogOptions
{
    public const string Section = "EventLog";

    public EventLogProvider Provider { get; set; } = EventLogProvider.Embedded;

    public string StreamKey { get; set; } = "cc:events";

    public string DeadLetterKey { get; set; } = "cc:events:dead";

    /// <summary>The first problem with these options in plain words, or null.</summary>
    public string? Problem() => Provider switch
    {
        _ when string.IsNullOrWhiteSpace(StreamKey) => "EventLog:StreamKey is empty",
        _ when string.IsNullOrWhiteSpace(DeadLetterKey) => "EventLog:DeadLetterKey is empty",
        _ when StreamKey == DeadLetterKey => "EventLog:StreamKey and EventLog:DeadLetterKey must differ",
        _ => null,
    };
}
