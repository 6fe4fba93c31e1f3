using System.Diagnostics;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Simulation.History;
using CommandCenter.Infrastructure.Deadlines;
using CommandCenter.Infrastructure.Projection;

namespace CommandCenter.Infrastructure.Simulation;

/// <summary>What it took to append a generated history: how many entries, the last one's position and the time.</summary>
public sealed record HistoryAppended(long Count, LogPosition? Last, TimeSpan Elapsed)
{
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Count / Elapsed.TotalSeconds : Count;
}

/// <summary>A generated history (<see cref="HistoryGenerator"/>) going into an event log: <c>cc simulate</c> and the backfill.</summary>
public static class GeneratedHistory
{
    /// <summary>The history this app would have made: whistles escalate after the report-in times it is configured with.</summary>
    public static HistorySettings SettingsFor(WhistleOptions whistles) => HistorySettings.Default with
    {
        ReportIn = new ReportInTimes(whistles.ReportIn.WorkAdvance, whistles.ReportIn.ToughProblem, whistles.ReportIn.District),
    };

    /// <summary>
    /// True when the log holds no entry and, given the projection <paramref name="store"/>, nothing was ever projected:
    /// the only log a generated history may start. A log trimmed empty after a long run is not fresh, its database
    /// still holds the district, and generated teams and deadlines would collide with that work.
    /// </summary>
    public static async Task<bool> IsFreshAsync(IEventLog log, ProjectionStore? store, CancellationToken ct = default)
    {
        // One stream per street: fresh when every street's stream is empty.
        IEnumerable<IEventLog> streams = log is EventLog.StreetRoutedEventLog routed ? routed.Streams.All.Select(s => s.Log) : [log];
        foreach (var stream in streams)
        {
            if ((await stream.ReadAfterAsync(LogPosition.Start, 1, ct)).Count > 0)
                return false;
        }
        return store is null || await store.CheckpointAsync(ct) == LogPosition.Start;
    }

    /// <summary>
    /// Appends <paramref name="entries"/> in batches of <paramref name="batchSize"/>, as fast as the log takes them:
    /// the next batch is generated while the previous one is being written. <paramref name="progress"/> hears the
    /// count after each batch. A batch the log refuses stops the run with the log's exception (what came before stays).
    /// </summary>
    public static async Task<HistoryAppended> AppendAsync(
        IEventLog log, IEnumerable<IReadOnlyDictionary<string, string>> entries, int batchSize, CancellationToken ct = default,
        IProgress<long>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var clock = Stopwatch.StartNew();
        long count = 0;
        LogPosition? last = null;
        Task<IReadOnlyList<LogPosition>>? writing = null;
        var batch = new List<IReadOnlyDictionary<string, string>>(batchSize);

        async Task CompleteAsync()
        {
            if (writing is null) return;
            var positions = await writing;
            writing = null;
            if (positions.Count > 0)
                last = positions[^1];
            progress?.Report(count);
        }

        foreach (var entry in entries)
        {
            ct.ThrowIfCancellationRequested();
            batch.Add(entry);
            if (batch.Count < batchSize)
                continue;
            await CompleteAsync();
            var full = batch;
            count += full.Count;
            // Off this thread: the embedded log writes synchronously, and generating the next batch meanwhile uses the other core.
            writing = Task.Run(() => log.AppendAsync(full, ct), ct);
            batch = new List<IReadOnlyDictionary<string, string>>(batchSize);
        }
        await CompleteAsync();
        if (batch.Count > 0)
        {
            count += batch.Count;
            writing = log.AppendAsync(batch, ct);
            await CompleteAsync();
        }
        return new HistoryAppended(count, last, clock.Elapsed);
    }
}
