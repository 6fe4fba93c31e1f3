using System.Diagnostics;
using CommandCenter.Core.EventLog;

namespace CommandCenter.Cli.Produce;

/// <summary>
/// Appends from a source in batches, paced to a rate (or as fast as the log takes them at rate 0). With
/// <paramref name="retry"/>, a batch the log refuses (Redis restarting, say) is sent again as it is, same envelope ids,
/// until the log takes it: what a real producer does, so a batch whose acknowledgement was lost arrives twice and the
/// reducer calls the copy a duplicate.
/// </summary>
internal sealed class Producer(IEventLog log, TimeProvider time, bool retry = false)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    public async Task<ProduceResult> RunAsync(IEventSource source, ProduceSettings settings, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        long appended = 0, retries = 0;
        while (appended < settings.Count && !ct.IsCancellationRequested)
        {
            var batch = source.Take((int)Math.Min(settings.BatchSize, settings.Count - appended));
            if (batch.Count == 0) break;
            while (true)
            {
                try
                {
                    await log.AppendAsync(batch, ct);
                    break;
                }
                catch (Exception ex) when (retry && ex is not OperationCanceledException && !ct.IsCancellationRequested)
                {
                    retries++;
                    try { await Task.Delay(RetryDelay, time, ct); }
                    catch (OperationCanceledException) { return new ProduceResult(appended, time.GetElapsedTime(started), retries); }
                }
            }
            appended += batch.Count;

            if (settings.EventsPerSecond > 0)
            {
                // Sleep until the schedule catches up with what has been sent: the mean rate holds whatever the batch size.
                var due = TimeSpan.FromSeconds(appended / settings.EventsPerSecond);
                var ahead = due - time.GetElapsedTime(started);
                if (ahead > TimeSpan.Zero)
                {
                    // Stopped (Ctrl+C, SIGTERM): report what was appended rather than fail.
                    try { await Task.Delay(ahead, time, ct); }
                    catch (OperationCanceledException) { break; }
                }
            }
        }
        return new ProduceResult(appended, time.GetElapsedTime(started), retries);
    }
}
