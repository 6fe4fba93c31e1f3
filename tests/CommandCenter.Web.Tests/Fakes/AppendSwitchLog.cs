using CommandCenter.Core.EventLog;

namespace CommandCenter.Web.Tests.Fakes;

/// <summary>An in-memory log whose appends can be made to fail, as an unreachable Redis would.</summary>
internal sealed class AppendSwitchLog(InMemoryEventLog inner) : IEventLog
{
    public bool FailAppends { get; set; }

    public Task<IReadOnlyList<LogPosition>> AppendAsync(IReadOnlyList<IReadOnlyDictionary<string, string>> entries, CancellationToken ct = default) =>
        FailAppends ? throw new IOException("the log is unreachable (test)") : inner.AppendAsync(entries, ct);

    public Task EnsureGroupAsync(string group, CancellationToken ct = default) => inner.EnsureGroupAsync(group, ct);
    public Task<IReadOnlyList<LogEntry>> ReadGroupAsync(string group, string consumer, int count, CancellationToken ct = default) => inner.ReadGroupAsync(group, consumer, count, ct);
    public Task AcknowledgeAsync(string group, IReadOnlyList<LogPosition> positions, CancellationToken ct = default) => inner.AcknowledgeAsync(group, positions, ct);
    public Task<IReadOnlyList<LogEntry>> ClaimStaleAsync(string group, string consumer, TimeSpan minIdle, int count, CancellationToken ct = default) => inner.ClaimStaleAsync(group, consumer, minIdle, count, ct);
    public Task<long> PendingCountAsync(string group, CancellationToken ct = default) => inner.PendingCountAsync(group, ct);
    public Task<IReadOnlyList<PendingEntry>> PendingAsync(string group, int count, CancellationToken ct = default) => inner.PendingAsync(group, count, ct);
    public Task<DateTimeOffset?> FirstAppendedAfterAsync(LogPosition after, CancellationToken ct = default) => inner.FirstAppendedAfterAsync(after, ct);
    public Task<IReadOnlyList<LogEntry>> ReadAfterAsync(LogPosition after, int count, CancellationToken ct = default) => inner.ReadAfterAsync(after, count, ct);
    public Task DeadLetterAsync(LogEntry entry, string reason, CancellationToken ct = default) => inner.DeadLetterAsync(entry, reason, ct);
    public Task<IReadOnlyList<LogEntry>> ReadDeadLettersAsync(int count, CancellationToken ct = default) => inner.ReadDeadLettersAsync(count, ct);
    public Task<long> TrimBeforeAsync(string group, LogPosition minPosition, CancellationToken ct = default) => inner.TrimBeforeAsync(group, minPosition, ct);
    public Task<LogInfo> InfoAsync(string group, CancellationToken ct = default) => inner.InfoAsync(group, ct);
}
