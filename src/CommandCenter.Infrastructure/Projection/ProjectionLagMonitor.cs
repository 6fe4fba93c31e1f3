using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.Database;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Infrastructure.Projection;

/// <summary>One reading of how far the database trails the log.</summary>
/// <param name="Lag">How long the oldest log entry not yet committed to the database has waited (zero when none waits).</param>
/// <param name="SampledAt">When this was read; null before the first reading.</param>
/// <param name="Error">Why it could not be read, or null.</param>
public sealed record ProjectionLag(TimeSpan Lag, DateTimeOffset? SampledAt, string? Error)
{
    public static readonly ProjectionLag Unknown = new(TimeSpan.Zero, null, "not measured yet");

    /// <summary>Behind enough to say so: on /healthz (degraded) and on the wall.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public bool IsBehind => Lag > Limit;
}

/// <summary>
/// Every instance measures, once a second, how far the database (whoever projects into it) trails the log: the
/// committed checkpoint against the append time of the first entry after it. The same for the leader and the others,
/// so /healthz and every wall say "behind" while the projector cannot commit (a locked or full database, say), and
/// stop saying it once the backlog has drained.
/// </summary>
public sealed class ProjectionLagMonitor(
    IEventLog log, ProjectionStore store, DatabaseReadiness readiness, TimeProvider time, ILogger<ProjectionLagMonitor> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private volatile ProjectionLag _current = ProjectionLag.Unknown;

    public ProjectionLag Current => _current;

    /// <summary>Sets the reading from outside: the district's lag as the worst of its streets' (docs/decisions/0014).</summary>
    internal void Publish(ProjectionLag lag) => _current = lag;

    public async Task<ProjectionLag> SampleAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        try
        {
            var checkpoint = await store.CheckpointAsync(ct);
            var waitingSince = await log.FirstAppendedAfterAsync(checkpoint, ct);
            _current = new ProjectionLag(waitingSince is { } since && since < now ? now - since : TimeSpan.Zero, now, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Keep the last lag figure, growing with the time we could not look: unknown is not "caught up".
            var last = _current;
            var grown = last.SampledAt is { } at ? last.Lag + (now - at) : last.Lag;
            _current = new ProjectionLag(grown, now, ex.Message);
            logger.LogDebug(ex, "Could not measure the projection lag");
        }
        return _current;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(Interval);
            do
            {
                await SampleAsync(stoppingToken);
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
