using CommandCenter.Core.EventLog;

namespace CommandCenter.Infrastructure.Tests.Simulation;

/// <summary>
/// A test double of the log for the simulator: appends and tail reads only (the group members return nothing).
/// <see cref="FailAppends"/> makes the next appends throw, as a log that is down would.
/// </summary>
internal sealed class InMemoryEventLog : IEventLog
{
    private readonly Lock _gate = new();
    private readonly List<LogEntry> _entries = [];

    public int FailAppends { get; set; }
    public int FailedAppends { get; private set; }

    public IReadOnlyList<LogEntry> Entries
    {
        get { lock (_gate) return [.. _entries]; }
    }

    public int Count
    {
        get { lock (_gate) return _entries.Count; }
    }

    public string? LastOccurredAt
    {
        get { lock (_gate) return _entries.Count == 0 ? null : _entries[^1].Fields["occurredAt"]; }
    }

    public Task<IReadOnlyList<LogPosition>> AppendAsync(IReadOnlyList<IReadOnlyDictionary<string, string>> entries, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (FailAppends > 0)
            {
                FailAppends--;
                FailedAppends++;
                throw new IOException("the log is unavailable");
            }
            var positions = new List<LogPosition>(entries.Count);
            foreach (var fields in entries)
            {
                var position = new LogPosition(0, (ulong)_entries.Count + 1);
                _entries.Add(new LogEntry(position, new Dictionary<string, string>(fields)));
                positions.Add(position);
            }
            return Task.FromResult<IReadOnlyList<LogPosition>>(positions);
        }
    }

    public Task<IReadOnlyList<LogEntry>> ReadAfterAsync(LogPosition after, int count, CancellationToken ct = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<LogEntry>>([.. _entries.Where(e => e.Position > after).Take(count)]);
    }

    public Task EnsureGroupAsync(string group, CancellationToken ct = default) => Task.CompletedTask;

    public Task<IReadOnlyList<LogEntry>> ReadGroupAsync(string group, string consumer, int count, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<LogEntry>>([]);

    public Task AcknowledgeAsync(string group, IReadOnlyList<LogPosition> positions, CancellationToken ct = default) => Task.CompletedTask;

    public Task<IReadOnlyList<LogEntry>> ClaimStaleAsync(string group, string consumer, TimeSpan minIdle, int count, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<LogEntry>>([]);

    public Task<long> PendingCountAsync(string group, CancellationToken ct = default) => Task.FromResult(0L);

    public Task<IReadOnlyList<PendingEntry>> PendingAsync(string group, int count, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<PendingEntry>>([]);

    public Task<DateTimeOffset?> FirstAppendedAfterAsync(LogPosition after, CancellationToken ct = default) =>
        Task.FromResult<DateTimeOffset?>(null);

    public Task DeadLetterAsync(LogEntry entry, string reason, CancellationToken ct = default) => Task.CompletedTask;

    public Task<IReadOnlyList<LogEntry>> ReadDeadLettersAsync(int count, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<LogEntry>>([]);

    public Task<long> TrimBeforeAsync(string group, LogPosition minPosition, CancellationToken ct = default) => Task.FromResult(0L);

    public Task<LogInfo> InfoAsync(string group, CancellationToken ct = default)
    {
        lock (_gate)
            return Task.FromResult(new LogInfo("memory", _entries.Count, _entries.Count == 0 ? null : _entries[^1].Position, 0, 0));
    }
}
