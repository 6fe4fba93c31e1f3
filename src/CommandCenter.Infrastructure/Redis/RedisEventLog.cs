using System.Text.Unicode;
using CommandCenter.Core.EventLog;
using StackExchange.Redis;

namespace CommandCenter.Infrastructure.Redis;

/// <summary>
/// The event log on a Redis stream (production mode). Every call is a single non-blocking command on the
/// shared multiplexer: StackExchange.Redis pipelines all callers over one connection, so a blocking
/// XREAD/XREADGROUP would stall everyone. Readers poll with a short capped back-off instead.
/// </summary>
/// <param name="namesStream">Whether each dead-letter copy also names this stream (<c>originalStream</c>): set when several
/// streams share one dead-letter log (docs/decisions/0014), where <c>originalId</c> alone is ambiguous.</param>
public sealed class RedisEventLog(IConnectionMultiplexer redis, string streamKey, string deadLetterKey, bool namesStream = false) : IEventLog
{
    private IDatabase Db => redis.GetDatabase();

    /// <summary>The stream this adapter reads and appends to.</summary>
    public string StreamKey => streamKey;

    public async Task<IReadOnlyList<LogPosition>> AppendAsync(IReadOnlyList<IReadOnlyDictionary<string, string>> entries, CancellationToken ct = default)
    {
        if (entries.Count == 0) return [];
        // One round trip for the whole batch; the transaction keeps the batch contiguous in the stream.
        var transaction = Db.CreateTransaction();
        var adds = entries.Select(fields => transaction.StreamAddAsync(streamKey, ToNameValues(fields))).ToArray();
        if (!await transaction.ExecuteAsync())
            throw new InvalidOperationException($"appending {entries.Count} entries to '{streamKey}' was not committed");
        var ids = await Task.WhenAll(adds);
        return [.. ids.Select(id => LogPosition.Parse(id.ToString()))];
    }

    public async Task EnsureGroupAsync(string group, CancellationToken ct = default)
    {
        try
        {
            await Db.StreamCreateConsumerGroupAsync(streamKey, group, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // The group exists already: the normal case after the first start.
        }
    }

    public async Task<IReadOnlyList<LogEntry>> ReadGroupAsync(string group, string consumer, int count, CancellationToken ct = default)
    {
        StreamEntry[] entries;
        try
        {
            entries = await Db.StreamReadGroupAsync(streamKey, group, consumer, StreamPosition.NewMessages, count);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            // The stream or its group is gone (a Redis restarted without its AOF, a deleted key): recreate the group
            // from the beginning of whatever the stream now holds; entries already applied are skipped by id.
            await EnsureGroupAsync(group, ct);
            entries = await Db.StreamReadGroupAsync(streamKey, group, consumer, StreamPosition.NewMessages, count);
        }
        return [.. entries.Where(e => !e.IsNull).Select(e => ToEntry(e, deliveryCount: 1))];
    }

    public async Task AcknowledgeAsync(string group, IReadOnlyList<LogPosition> positions, CancellationToken ct = default)
    {
        if (positions.Count == 0) return;
        await Db.StreamAcknowledgeAsync(streamKey, group, [.. positions.Select(p => (RedisValue)p.ToString())]);
    }

    public async Task<IReadOnlyList<LogEntry>> ClaimStaleAsync(string group, string consumer, TimeSpan minIdle, int count, CancellationToken ct = default)
    {
        var claimed = new List<StreamEntry>();
        RedisValue cursor = "0-0";
        do
        {
            var result = await Db.StreamAutoClaimAsync(streamKey, group, consumer, (long)minIdle.TotalMilliseconds, cursor, count - claimed.Count);
            // Entries deleted from the stream (trimmed) while pending come back as ids only; they are gone.
            claimed.AddRange(result.ClaimedEntries.Where(e => !e.IsNull && e.Values.Length > 0));
            cursor = result.NextStartId;
        } while (cursor != "0-0" && claimed.Count < count);

        if (claimed.Count == 0) return [];
        var counts = await DeliveryCountsAsync(group, consumer, claimed);
        return [.. claimed.OrderBy(e => LogPosition.Parse(e.Id.ToString())).Select(e => ToEntry(e, counts.GetValueOrDefault(e.Id.ToString(), 2)))];
    }

    private async Task<Dictionary<string, int>> DeliveryCountsAsync(string group, string consumer, List<StreamEntry> claimed)
    {
        var ids = claimed.Select(e => LogPosition.Parse(e.Id.ToString())).Order().ToList();
        var pending = await Db.StreamPendingMessagesAsync(streamKey, group, claimed.Count, consumer,
            ids[0].ToString(), ids[^1].ToString());
        return pending.ToDictionary(p => p.MessageId.ToString(), p => p.DeliveryCount);
    }

    public async Task<IReadOnlyList<PendingEntry>> PendingAsync(string group, int count, CancellationToken ct = default)
    {
        try
        {
            var pending = await Db.StreamPendingMessagesAsync(streamKey, group, count, RedisValue.Null, "-", "+");
            return [.. pending.Select(p => new PendingEntry(LogPosition.Parse(p.MessageId.ToString()), p.ConsumerName.ToString(),
                TimeSpan.FromMilliseconds(p.IdleTimeInMilliseconds), p.DeliveryCount))];
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            return [];
        }
    }

    public async Task<long> PendingCountAsync(string group, CancellationToken ct = default)
    {
        try
        {
            return (await Db.StreamPendingAsync(streamKey, group)).PendingMessageCount;
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            return 0;
        }
    }

    public async Task<IReadOnlyList<LogEntry>> ReadAfterAsync(LogPosition after, int count, CancellationToken ct = default)
    {
        var entries = await Db.StreamReadAsync(streamKey, after.ToString(), count);
        return [.. entries.Where(e => !e.IsNull).Select(e => ToEntry(e, deliveryCount: 0))];
    }

    public async Task<DateTimeOffset?> FirstAppendedAfterAsync(LogPosition after, CancellationToken ct = default)
    {
        // Stream ids are the server's append time in milliseconds; "(" makes the start exclusive (Redis 6.2+).
        var next = await Db.StreamRangeAsync(streamKey, $"({after}", "+", 1);
        return next.Length == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)LogPosition.Parse(next[0].Id.ToString()).Milliseconds);
    }

    public Task DeadLetterAsync(LogEntry entry, string reason, CancellationToken ct = default)
    {
        NameValueEntry[] fields =
        [
            new("reason", reason),
            new("originalId", entry.Position.ToString()),
            .. namesStream ? [new NameValueEntry("originalStream", streamKey)] : Array.Empty<NameValueEntry>(),
            .. entry.Fields.Where(f => f.Key is not ("reason" or "originalId" or "originalStream")).Select(f => new NameValueEntry(f.Key, f.Value)),
        ];
        return Db.StreamAddAsync(deadLetterKey, fields);
    }

    public async Task<IReadOnlyList<LogEntry>> ReadDeadLettersAsync(int count, CancellationToken ct = default)
    {
        var entries = await Db.StreamRangeAsync(deadLetterKey, "-", "+", count);
        return [.. entries.Select(e => ToEntry(e, deliveryCount: 0))];
    }

    public async Task<long> TrimBeforeAsync(string group, LogPosition minPosition, CancellationToken ct = default)
    {
        // Never past what the group still needs: its lowest pending entry, and the first entry it has not been handed yet.
        var limit = minPosition;
        var pending = await Db.StreamPendingAsync(streamKey, group);
        if (pending.PendingMessageCount > 0 && LogPosition.TryParse(pending.LowestPendingMessageId.ToString(), out var lowest) && lowest < limit)
            limit = lowest;
        var info = (await Db.StreamGroupInfoAsync(streamKey)).FirstOrDefault(g => g.Name == group);
        if (LogPosition.TryParse(info.LastDeliveredId, out var delivered))
        {
            var firstUndelivered = new LogPosition(delivered.Milliseconds, delivered.Sequence + 1);
            if (firstUndelivered < limit)
                limit = firstUndelivered;
        }
        return await Db.StreamTrimByMinIdAsync(streamKey, limit.ToString());
    }

    public async Task<LogInfo> InfoAsync(string group, CancellationToken ct = default)
    {
        var db = Db;
        var length = db.StreamLengthAsync(streamKey);
        var last = db.StreamRangeAsync(streamKey, "-", "+", 1, Order.Descending);
        var dead = db.StreamLengthAsync(deadLetterKey);
        var pending = PendingCountAsync(group, ct);
        await Task.WhenAll(length, last, dead, pending);
        LogPosition? lastPosition = last.Result.Length > 0 ? LogPosition.Parse(last.Result[0].Id.ToString()) : null;
        return new LogInfo($"redis:{streamKey}", length.Result, lastPosition, pending.Result, dead.Result);
    }

    /// <summary>
    /// The live tail over several streams in ONE non-blocking <c>XREAD COUNT n STREAMS k1 k2 … id1 id2 …</c> on the shared
    /// multiplexer (decision 0004: no BLOCK there): for each stream, up to <paramref name="countPerStream"/> entries after
    /// its own cursor, in that stream's order. Streams with nothing new are absent from the answer.
    /// </summary>
    /// <param name="after">Stream key → the last position read from it.</param>
    /// <remarks>
    /// On Redis Cluster a command's keys must share one hash slot (else CROSSSLOT), and the streets' keys are spread over
    /// slots on purpose: there the keys are grouped by slot, one XREAD per slot, all sent at once (pipelined, still no
    /// BLOCK). On a single server every key goes into the one XREAD.
    /// </remarks>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<LogEntry>>> ReadManyAfterAsync(IConnectionMultiplexer redis,
        IReadOnlyDictionary<string, LogPosition> after, int countPerStream)
    {
        var db = redis.GetDatabase();
        var positions = after.Select(p => new StreamPosition(p.Key, p.Value.ToString())).ToArray();
        var groups = IsCluster(redis) ? positions.GroupBy(p => ClusterSlot.Of(p.Key!)).Select(g => g.ToArray()).ToArray() : [positions];
        var reads = await Task.WhenAll(groups.Select(group => db.StreamReadAsync(group, countPerStream)));
        return reads.SelectMany(r => r).Where(s => s.Entries.Length > 0).ToDictionary(s => s.Key.ToString(),
            s => (IReadOnlyList<LogEntry>)[.. s.Entries.Where(e => !e.IsNull).Select(e => ToEntry(e, deliveryCount: 0))], StringComparer.Ordinal);
    }

    private static bool IsCluster(IConnectionMultiplexer redis) =>
        redis.GetEndPoints().Select(e => redis.GetServer(e)).Any(s => s.IsConnected && s.ServerType == ServerType.Cluster);

    private static NameValueEntry[] ToNameValues(IReadOnlyDictionary<string, string> fields) =>
        [.. fields.Select(f => new NameValueEntry(f.Key, f.Value))];

    private static LogEntry ToEntry(StreamEntry entry, int deliveryCount)
    {
        var fields = new Dictionary<string, string>(entry.Values.Length, StringComparer.Ordinal);
        string? problem = null;
        foreach (var value in entry.Values)
        {
            var name = Decode(value.Name, ref problem, "a field name");
            fields.TryAdd(name, Decode(value.Value, ref problem, $"field '{name}'"));
        }
        return new LogEntry(LogPosition.Parse(entry.Id.ToString()), fields, deliveryCount, problem);
    }

    /// <summary>
    /// Redis holds bytes; producers must send UTF-8. Bytes in another encoding (GBK from an old system, say) would
    /// decode to replacement characters and be applied as garbled text, so the entry carries a problem instead.
    /// </summary>
    private static string Decode(RedisValue value, ref string? problem, string what)
    {
        ReadOnlyMemory<byte> bytes = value;
        if (problem is null && !Utf8.IsValid(bytes.Span))
            problem = $"{what} is not valid UTF-8 (the stream carries UTF-8 text only)";
        return value.ToString();
    }
}
