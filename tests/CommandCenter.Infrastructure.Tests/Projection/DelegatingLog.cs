using CommandCenter.Core.EventLog;

namespace CommandCenter.Infrastructure.Tests.Projection;

/// <summary>A log that passes every call to <paramref name="inner"/>: a fault is one override.</summary>
public abstract class DelegatingLog(IEventLog inner) : IEventLog
{
    public virtual Task AcknowledgeAsync(string group, IReadOnlyList<LogPosition> positions, CancellationToken ct = default) => inner.AcknowledgeAsync(group, positions, ct);
    public virtual Task<IReadOnlyList<LogPosition>> AppendAsync(IReadOnlyList<IReadOnlyDictionary<string, string>> entries, CancellationToken ct = default) => inner.AppendAsync(entries, ct);
    public virtual Task EnsureGroupAsync(string group, CancellationToken ct = default) => inner.EnsureGroupAsync(group, ct);
    public virtual Task<IReadOnlyList<LogEntry>> ReadGroupAsync(string group, string consumer, int count, CancellationToken ct = default) => inner.ReadGroupAsync(group, consumer, count, ct);
    public virtual Task<IReadOnlyList<LogEntry>> ClaimStaleAsync(string group, string consumer, TimeSpan minIdle, int count, CancellationToken ct = default) => inner.ClaimStaleAsync(group, consumer, minIdle, count, ct);
    public virtual Task<long> PendingCountAsync(string group, CancellationToken ct = default) => inner.PendingCountAsync(group, ct);
    public virtual Task<IReadOnlyList<PendingEntry>> PendingAsync(string group, int count, CancellationToken ct = default) => inner.PendingAsync(group, count, ct);
    public virtual Task<DateTimeOffset?> FirstAppendedAfterAsync(LogPosition after, CancellationToken ct = default) => inner.FirstAppendedAfterAsync(after, ct);
    public virtual Task<IReadOnlyList<LogEntry>> ReadAfterAsync(LogPosition after, int count, CancellationToken ct = default) => inner.ReadAfterAsync(after, count, ct);
    public virtual Task DeadLetterAsync(LogEntry entry, string reason, CancellationToken ct = default) => inner.DeadLetterAsync(entry, reason, ct);
    public virtual Task<IReadOnlyList<LogEntry>> ReadDeadLettersAsync(int count, CancellationToken ct = default) => inner.ReadDeadLettersAsync(count, ct);
    public virtual Task<long> TrimBeforeAsync(string group, LogPosition minPosition, CancellationToken ct = default) => inner.TrimBeforeAsync(group, minPosition, ct);
    public virtual Task<LogInfo> InfoAsync(string group, CancellationToken ct = default) => inner.InfoAsync(group, ct);
}
