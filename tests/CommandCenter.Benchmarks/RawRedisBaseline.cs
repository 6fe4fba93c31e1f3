using System.Diagnostics;
using StackExchange.Redis;

namespace CommandCenter.Benchmarks;

/// <summary>
/// The yardstick for the pipeline: the fastest a StackExchange.Redis client moves entries through a stream
/// with a consumer group on this machine — XADD at full speed on one side, XREADGROUP COUNT 100 + XACK on
/// the other, no parsing and no database. Entries carry fields of realistic size so both sides pay the same bytes.
/// </summary>
internal static class RawRedisBaseline
{
    public static async Task<double> MeasureAsync(IConnectionMultiplexer redis, IReadOnlyList<NameValueEntry[]> entries)
    {
        var db = redis.GetDatabase();
        var stream = $"bench:baseline:{Guid.NewGuid():N}";
        await db.StreamCreateConsumerGroupAsync(stream, "baseline", StreamPosition.Beginning, createStream: true);

        var clock = Stopwatch.StartNew();
        var producer = ProduceAsync(db, stream, entries);
        var acknowledged = 0;
        var idle = 1;
        while (acknowledged < entries.Count)
        {
            var batch = await db.StreamReadGroupAsync(stream, "baseline", "c1", StreamPosition.NewMessages, 100);
            if (batch.Length == 0)
            {
                await Task.Delay(idle);
                idle = Math.Min(idle * 2, 8);
                continue;
            }
            idle = 1;
            await db.StreamAcknowledgeAsync(stream, "baseline", [.. batch.Select(e => e.Id)]);
            acknowledged += batch.Length;
        }
        await producer;
        clock.Stop();
        await db.KeyDeleteAsync(stream);
        return entries.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Full speed: batches of 100 pipelined XADDs, awaited together.</summary>
    internal static async Task ProduceAsync(IDatabase db, string stream, IReadOnlyList<NameValueEntry[]> entries)
    {
        for (var i = 0; i < entries.Count; i += 100)
        {
            var adds = new List<Task>(100);
            for (var j = i; j < Math.Min(i + 100, entries.Count); j++)
                adds.Add(db.StreamAddAsync(stream, entries[j]));
            await Task.WhenAll(adds);
        }
    }
}
