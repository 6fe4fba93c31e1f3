using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;

namespace CommandCenter.Infrastructure.EventLog;

/// <summary>
/// The producers' side of a log split by street (docs/decisions/0014): every writer in the app (the ingest API, the
/// console's commands, Open311, the simulator, `cc produce`, dead-letter resends) appends here, and each entry goes to
/// the stream of its envelope's <c>street</c>. A batch keeps its order within each street; a batch spanning streets is
/// one atomic append per stream, not one for the whole batch (no order between streets exists to keep).
/// Reading is per stream (<see cref="EventLogStreams"/>): the group and tail calls are refused here.
/// </summary>
public sealed class StreetRoutedEventLog(EventLogStreams streams) : IEventLog
{
    /// <summary>The streams this router appends to.</summary>
    public EventLogStreams Streams => streams;

    /// <exception cref="ArgumentException">An entry names no street, or a street with no stream; nothing is appended.</exception>
    public async Task<IReadOnlyList<LogPosition>> AppendAsync(IReadOnlyList<IReadOnlyDictionary<string, string>> entries, CancellationToken ct = default)
    {
        var routes = new StreamLog[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var street = entries[i].GetValueOrDefault(EnvelopeFields.Street);
            routes[i] = streams.ForStreet(street)
                ?? throw new ArgumentException($"entry {i} names street '{street}', which has no stream of its own (EventLog:Sharding = Street)", nameof(entries));
        }
        var positions = new LogPosition[entries.Count];
        foreach (var group in Enumerable.Range(0, entries.Count).GroupBy(i => routes[i]))
        {
            var appended = await group.Key.Log.AppendAsync([.. group.Select(i => entries[i])], ct);
            var k = 0;
            foreach (var i in group)
                positions[i] = appended[k++];
        }
        return positions;
    }

    public async Task<LogInfo> InfoAsync(string group, CancellationToken ct = default)
    {
        var infos = await Task.WhenAll(streams.All.Select(s => s.Log.InfoAsync(group, ct)));
        return new LogInfo($"{infos[0].Name} and {infos.Length - 1} more streams", infos.Sum(i => i.Length), infos.Max(i => i.LastPosition),
            infos.Sum(i => i.Pending), infos[0].DeadLettered);
    }

    /// <summary>Every stream shares one dead-letter log; each copy names its stream (<c>originalStream</c>).</summary>
    public Task<IReadOnlyList<LogEntry>> ReadDeadLettersAsync(int count, CancellationToken ct = default) =>
        streams.All[0].Log.ReadDeadLettersAsync(count, ct);

    public Task EnsureGroupAsync(string group, CancellationToken ct = default) => throw PerStream();
    public Task<IReadOnlyList<LogEntry>> ReadGroupAsync(string group, string consumer, int count, CancellationToken ct = default) => throw PerStream();
    public Task AcknowledgeAsync(string group, IReadOnlyList<LogPosition> positions, CancellationToken ct = default) => throw PerStream();
    public Task<IReadOnlyList<LogEntry>> ClaimStaleAsync(string group, string consumer, TimeSpan minIdle, int count, CancellationToken ct = default) => throw PerStream();
    public Task<IReadOnlyList<PendingEntry>> PendingAsync(string group, int count, CancellationToken ct = default) => throw PerStream();
    public Task<long> PendingCountAsync(string group, CancellationToken ct = default) => throw PerStream();
    public Task<IReadOnlyList<LogEntry>> ReadAfterAsync(LogPosition after, int count, CancellationToken ct = default) => throw PerStream();
    public Task<DateTimeOffset?> FirstAppendedAfterAsync(LogPosition after, CancellationToken ct = default) => throw PerStream();
    public Task DeadLetterAsync(LogEntry entry, string reason, CancellationToken ct = default) => throw PerStream();
    public Task<long> TrimBeforeAsync(string group, LogPosition minPosition, CancellationToken ct = default) => throw PerStream();

    private static NotSupportedException PerStream() =>
        new("the log is split into one stream per street (EventLog:Sharding = Street): positions, groups and tails are per stream");
}
