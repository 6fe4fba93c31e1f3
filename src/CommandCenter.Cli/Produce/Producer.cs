using System.Diagnostics;
using CommandCenter.Core.EventLog;

namespace CommandCenter.Cli.Produce;

/// <summary>Appends from a source in batches, paced to a rate (or as fast as the log takes them at rate 0).</summary>
internal sealed class Producer(IEventLog log, TimeProvider time)
{
    public async Task<ProduceResult> RunAsync(IEventSource source, ProduceSettings settings, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        long appended = 0;
        while (appended < settings.Count && !ct.IsCancellationRequested)
        {
            var batch = source.Take((int)Math.Min(settings.BatchSize, settings.Count - appended));
            if (batch.Count == 0) break;
            await log.AppendAsync(batch, ct);
            appended += batch.Count;

            if (settings.EventsPerSecond > 0)
            {
                // Sleep until the schedule catches up with what has been sent: the mean rate holds whatever the batch size.
                var due = TimeSpan.FromSeconds(appended / settings.EventsPerSecond);
                var ahead = due - time.GetElapsedTime(started);
                if (ahead > TimeSpan.Zero)
                    await Task.Delay(ahead, time, ct);
            }
        }
        return new ProduceResult(appended, time.GetElapsedTime(started));
    }
}
