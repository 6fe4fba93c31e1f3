using CommandCenter.Core.EventLog;

namespace CommandCenter.Web.Tests.Dispatches;

/// <summary>
/// The real log with the live tail's reads held at will: while held, this instance's live state stands still, so two
/// commands both pass their trial against it and both reach the log, as two operators racing do.
/// </summary>
internal sealed class GatedEventLog(IEventLog inner) : IEventLog
{
    private volatile TaskCompletionSource _gate = Open();
    private int _waiting;

    public int WaitingReaders => Volatile.Read(ref _waiting);

    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    public async Task<IReadOnlyList<LogEntry>> ReadAfterAsync(LogPosition after, int count, CancellationToken ct = default)
    {
        var gate = _gate.Task;
        if (!gate.IsCompleted)
        {
            Interlocked.Increment(ref _waiting);
            try { await gate.WaitAsync(ct); }
            finally { Interlocked.Decrement(ref _waiting); }
        }
        return await inner.ReadAfterAsync(after, count, ct);
    }

    public Task<IReadOnlyList<LogPosition>> AppendAsync(IReadOnlyList<IReadOnlyDictionary<string, string>> entries, CancellationToken ct = default) => inner.AppendAsync(entries, ct);

    public Task EnsureGroupAsync(string group, CancellationToken ct = default) => inner.EnsureGroupAsync(group, ct);

    public Task<IReadOnlyList<LogEntry>> ReadGroupAsync(string group, string consumer, int count, CancellationToken ct = default) => inner.ReadGroupAsync(group, consumer, count, ct);

    public Task AcknowledgeAsync(string group, IReadOnlyList<LogPosition> positions, CancellationToken ct = default) => inner.AcknowledgeAsync(group, positions, ct);

    public Task<IReadOnlyList<LogEntry>> ClaimStaleAsync(string group, string consumer, TimeSpan minIdle, int count, CancellationToken ct = default) =>
        inner.ClaimStaleAsync(group, consumer, minIdle, count, ct);

    public Task<long> PendingCountAsync(string group, CancellationToken ct = default) => inner.PendingCountAsync(group, ct);
    public Task<IReadOnlyList<PendingEntry>> PendingAsync(string group, int count, CancellationToken ct = default) => inner.PendingAsync(group, count, ct);
    public Task<DateTimeOffset?> FirstAppendedAfterAsync(LogPosition after, CancellationToken ct = default) => inner.FirstAppendedAfterAsync(after, ct);

    public Task DeadLetterAsync(LogEntry entry, string reason, CancellationToken ct = default) => inner.DeadLetterAsync(entry, reason, ct);

    public Task<IReadOnlyList<LogEntry>> ReadDeadLettersAsync(int count, CancellationToken ct = default) => inner.ReadDeadLettersAsync(count, ct);

    public Task<long> TrimBeforeAsync(string group, LogPosition minPosition, CancellationToken ct = default) => inner.TrimBeforeAsync(group, minPosition, ct);

    public Task<LogInfo> InfoAsync(string group, CancellationToken ct = default) => inner.InfoAsync(group, ct);
}
