using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.Projection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Infrastructure.Trimming;

/// <summary>
/// Keeps the Redis stream from growing without bound (docs/architecture.md): on the leader only, it trims entries older than
/// the retention with MINID, never past the projector's checkpoint (the log adapter also never passes the group's
/// lowest pending or first undelivered entry). Positions of a Redis stream are millisecond timestamps, which is
/// what lets a retention in time become a position.
/// </summary>
public sealed class LogTrimmer(
    IEventLog log, Projector projector, IProjectorLease lease, TimeProvider time, IOptions<LogTrimOptions> options, ILogger<LogTrimmer> logger)
    : BackgroundService
{
    /// <summary>Trims once if this instance leads; returns how many entries went.</summary>
    public async Task<long> TrimOnceAsync(CancellationToken ct = default)
    {
        if (!lease.IsHeld)
            return 0;
        var checkpoint = projector.Checkpoint;
        if (checkpoint == LogPosition.Start)
            return 0;

        var cutoff = new LogPosition((ulong)Math.Max(0, (time.GetUtcNow() - options.Value.Retention).ToUnixTimeMilliseconds()), 0);
        var firstUncommitted = new LogPosition(checkpoint.Milliseconds, checkpoint.Sequence + 1);
        var limit = cutoff < firstUncommitted ? cutoff : firstUncommitted;
        var trimmed = await log.TrimBeforeAsync(Projector.Group, limit, ct);
        if (trimmed > 0)
            logger.LogInformation("Trimmed {Count} committed entries before {Limit}", trimmed, limit);
        return trimmed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await TrimOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Trimming the event log failed; trying again next time");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
