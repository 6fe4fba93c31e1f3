namespace CommandCenter.Core.EventLog;

/// <summary>
/// The event log port (docs/architecture.md). Shaped after a Redis stream with one consumer group, so the embedded
/// SQLite adapter and the Redis adapter keep one contract, proven by one shared test suite.
/// No method blocks waiting for new entries: readers poll with a short back-off.
/// </summary>
public interface IEventLog
{
    /// <summary>Appends entries in order, atomically where the store allows; returns their positions.</summary>
    Task<IReadOnlyList<LogPosition>> AppendAsync(IReadOnlyList<IReadOnlyDictionary<string, string>> entries, CancellationToken ct = default);

    /// <summary>Creates the consumer group if missing, starting at the beginning of the log. Idempotent.</summary>
    Task EnsureGroupAsync(string group, CancellationToken ct = default);

    /// <summary>Entries never delivered to the group yet, in order; they become pending for <paramref name="consumer"/>.</summary>
    Task<IReadOnlyList<LogEntry>> ReadGroupAsync(string group, string consumer, int count, CancellationToken ct = default);

    /// <summary>Removes entries from the group's pending list once they are committed downstream.</summary>
    Task AcknowledgeAsync(string group, IReadOnlyList<LogPosition> positions, CancellationToken ct = default);

    /// <summary>
    /// Transfers to <paramref name="consumer"/> the pending entries idle for at least <paramref name="minIdle"/>,
    /// in log order, incrementing their delivery count (XAUTOCLAIM).
    /// </summary>
    Task<IReadOnlyList<LogEntry>> ClaimStaleAsync(string group, string consumer, TimeSpan minIdle, int count, CancellationToken ct = default);

    /// <summary>
    /// The group's first <paramref name="count"/> pending entries in log order, with their consumer, idle time and
    /// delivery count, without claiming them (XPENDING): the projector sizes its redelivery window from them.
    /// </summary>
    Task<IReadOnlyList<PendingEntry>> PendingAsync(string group, int count, CancellationToken ct = default);

    /// <summary>How many entries the group has delivered and not yet acknowledged.</summary>
    Task<long> PendingCountAsync(string group, CancellationToken ct = default);

    /// <summary>Entries strictly after <paramref name="after"/>, in order, for live tails (no group, no pending).</summary>
    Task<IReadOnlyList<LogEntry>> ReadAfterAsync(LogPosition after, int count, CancellationToken ct = default);

    /// <summary>
    /// When the first entry after <paramref name="after"/> was appended (server time), or null when there is none:
    /// how long the oldest entry not yet committed downstream has waited, for the projector's lag.
    /// </summary>
    Task<DateTimeOffset?> FirstAppendedAfterAsync(LogPosition after, CancellationToken ct = default);

    /// <summary>Copies the entry to the dead-letter log with its reason and original position.</summary>
    Task DeadLetterAsync(LogEntry entry, string reason, CancellationToken ct = default);

    /// <summary>The dead-letter entries, oldest first: the original fields plus <c>reason</c> and <c>originalId</c>.</summary>
    Task<IReadOnlyList<LogEntry>> ReadDeadLettersAsync(int count, CancellationToken ct = default);

    /// <summary>Removes entries before <paramref name="minPosition"/>, never past what the group still needs.</summary>
    Task<long> TrimBeforeAsync(string group, LogPosition minPosition, CancellationToken ct = default);

    Task<LogInfo> InfoAsync(string group, CancellationToken ct = default);
}
