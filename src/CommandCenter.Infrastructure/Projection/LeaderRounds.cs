using CommandCenter.Infrastructure.Database;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Infrastructure.Projection;

/// <summary>
/// Work only the projector's leader does, in rounds on a real-time interval (what it judges inside a round uses the
/// injected clock): once the database is ready, every <see cref="Interval"/> while this instance holds the lease. A
/// round that fails is logged and tried again at the next one; leadership lost between rounds is told to
/// <see cref="OnNotLeader"/>. The deadline watcher and the hot-state housekeeping are such work.
/// </summary>
public abstract class LeaderRounds(IProjectorLease lease, ILogger logger, DatabaseReadiness? readiness) : BackgroundService
{
    protected abstract bool Enabled { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>Said in the log when a round fails, at <see cref="FailureLevel"/>.</summary>
    protected abstract string FailureMessage { get; }

    protected virtual LogLevel FailureLevel => LogLevel.Warning;

    /// <summary>One round, run only while this instance leads.</summary>
    protected abstract Task RoundAsync(CancellationToken ct);

    /// <summary>A round that found this instance not leading, before it is skipped.</summary>
    protected virtual void OnNotLeader()
    {
    }

    /// <summary>A round to pass over even though this instance leads.</summary>
    protected virtual bool SkipRound => false;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
            return;
        try
        {
            if (readiness is not null)
                await readiness.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(Interval);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!lease.IsHeld)
                {
                    OnNotLeader();
                    continue;
                }
                if (SkipRound)
                    continue;
                try
                {
                    await RoundAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.Log(FailureLevel, ex, "{Failure}; trying again next interval", FailureMessage);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
