using CommandCenter.Core.EventLog;

namespace CommandCenter.Web.Tests.Fakes;

/// <summary>
/// A list-backed log with the tail half of the contract (append, read after); the group operations keep one
/// cursor, enough for code that only follows the log. <see cref="FailNextReads"/> makes reads throw, to test recovery.
/// </summary>
internal sealed class InMemoryEventLog : IEventLog
{
    private readonly Lock _gate = new();
    private readonly List<LogEntry> _entries = [];
    private readonly List<LogEntry> _dead = [];
    private int _delivered;
    private int _failReads;

    public int ReadCalls { get; private set; }

    public void FailNextReads(int count) => Interlocked.Exchange(ref _failReads, count);

    public LogPosition Append(IReadOnlyDictionary<string, string> fields)
    {
        lock (_gate)
        {
            var position = new LogPosition(0, (ulong)_entries.Count + 1);
            _entries.Add(new LogEntry(position, fields));
            return position;
        }
    }

    public Task<IReadOnlyList<LogPosition>> AppendAsync(IReadOnlyList<IReadOnlyDictionary<string, string>> entries, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<LogPosition>>([.. entries.Select(Append)]);

    public Task<IReadOnlyList<LogEntry>> ReadAfterAsync(LogPosition after, int count, CancellationToken ct = default)
    {
        lock (_gate)
        {
            ReadCalls++;
            if (_failReads > 0)
            {
                _failReads--;
                throw new IOException("the log is unreachable (test)");
            }
            return Task.FromResult<IReadOnlyList<LogEntry>>([.. _entries.Where(e => e.Position > after).Take(count)]);
        }
    }

    public Task EnsureGroupAsync(string group, CancellationToken ct = default) => Task.CompletedTask;

    public Task<IReadOnlyList<LogEntry>> ReadGroupAsync(string group, string consumer, int count, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var batch = _entries.Skip(_delivered).Take(count).Select(e => e with { DeliveryCount = 1 }).ToList();
            _delivered += batch.Count;
            return Task.FromResult<IReadOnlyList<LogEntry>>(batch);
        }
    }

    public Task AcknowledgeAsync(string group, IReadOnlyList<LogPosition> positions, CancellationToken ct = default) => Task.CompletedTask;

    public Task<IReadOnlyList<LogEntry>> ClaimStaleAsync(string group, string consumer, TimeSpan minIdle, int count, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<LogEntry>>([]);

    public Task<long> PendingCountAsync(string group, CancellationToken ct = default) => Task.FromResult(0L);

    public Task<IReadOnlyList<PendingEntry>> PendingAsync(string group, int count, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<PendingEntry>>([]);

    public Task<DateTimeOffset?> FirstAppendedAfterAsync(LogPosition after, CancellationToken ct = default) =>
        Task.FromResult<DateTimeOffset?>(null);

    public Task DeadLetterAsync(LogEntry entry, string reason, CancellationToken ct = default)
    {
        lock (_gate) _dead.Add(entry);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LogEntry>> ReadDeadLettersAsync(int count, CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<LogEntry>>([.. _dead.Take(count)]);
    }

    public Task<long> TrimBeforeAsync(string group, LogPosition minPosition, CancellationToken ct = default) => Task.FromResult(0L);

    public Task<LogInfo> InfoAsync(string group, CancellationToken ct = default)
    {
        lock (_gate)
            return Task.FromResult(new LogInfo("memory", _entries.Count, _entries.Count == 0 ? null : _entries[^1].Position, 0, _dead.Count));
    }
}
