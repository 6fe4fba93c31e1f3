using CommandCenter.Infrastructure.Database;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Infrastructure.Projection;

/// <summary>
/// Drives the <see cref="Projector"/> while this instance holds the lease. Polls without blocking: straight on while
/// there is work, then a short back-off doubling from 2 ms to 50 ms when the log is idle (docs/architecture.md).
/// </summary>
public sealed class ProjectorService(
    Projector projector, IProjectorLease lease, ProjectorStatus status, DatabaseReadiness readiness, TimeProvider time,
    ILogger<ProjectorService> logger)
    : BackgroundService
{
    internal static readonly TimeSpan MinIdleDelay = TimeSpan.FromMilliseconds(2);
    internal static readonly TimeSpan MaxIdleDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LeaseRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ErrorDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(10);

    // Back-off delays are real time on purpose: a test clock (FakeTimeProvider) must not freeze the loop.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = MinIdleDelay;
        var renewDue = DateTimeOffset.MinValue;
        try
        {
            await readiness.WaitAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (!lease.IsHeld)
                    {
                        if (!await lease.TryAcquireAsync(stoppingToken))
                        {
                            // Not the leader, and the lease store answered: no projector error is current on this instance.
                            status.Update(s => s with { IsLeader = false, LeaseHolder = lease.Holder, LastError = null });
                            await Task.Delay(LeaseRetryDelay, stoppingToken);
                            continue;
                        }
                        logger.LogInformation("Projector lease acquired by {Holder}", lease.Holder);
                        await projector.InitializeAsync(stoppingToken);
                        status.Update(s => s with { IsLeader = true, LeaseHolder = lease.Holder });
                        renewDue = DateTimeOffset.UtcNow + RenewInterval;
                    }
                    else if (DateTimeOffset.UtcNow >= renewDue)
                    {
                        if (!await lease.RenewAsync(stoppingToken))
                        {
                            logger.LogWarning("Projector lease lost; projecting stops until it is acquired again");
                            status.Update(s => s with { IsLeader = false, LeaseHolder = lease.Holder });
                            continue;
                        }
                        renewDue = DateTimeOffset.UtcNow + RenewInterval;
                    }

                    int handled;
                    using (var batch = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.LostToken))
                    {
                        try
                        {
                            handled = await projector.RunOnceAsync(batch.Token);
                        }
                        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                        {
                            // The lease went mid-batch: nothing of it was committed or acknowledged; whoever leads next takes it over.
                            logger.LogWarning("Projector lease lost during a batch; the batch was abandoned uncommitted");
                            status.Update(s => s with { IsLeader = false, LeaseHolder = lease.Holder });
                            continue;
                        }
                        catch (FencedOffException ex)
                        {
                            // Another instance initialized after us (we were frozen past our lease, say): our commit was refused
                            // as a whole. Give the lease up so that we do not take the fence back from the rightful leader.
                            logger.LogWarning("Projector fenced off: {Reason}; giving up the lease", ex.Message);
                            await lease.ReleaseAsync(CancellationToken.None);
                            status.Update(s => s with { IsLeader = false, LeaseHolder = lease.Holder });
                            await Task.Delay(LeaseRetryDelay, stoppingToken);
                            continue;
                        }
                    }
                    // Leading once a batch ran under the lease, also when the first initialization failed (the
                    // database was locked, say) and the batch initialized instead: else /healthz says no one leads.
                    if (status.Current.LastError is not null || !status.Current.IsLeader)
                        status.Update(s => s with { IsLeader = true, LeaseHolder = lease.Holder, LastError = null });
                    if (handled > 0)
                    {
                        idle = MinIdleDelay;
                        continue;
                    }
                    await Task.Delay(idle, stoppingToken);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, MaxIdleDelay.Ticks));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Projector batch failed; retrying");
                    status.RecordError(ex, time.GetUtcNow());
                    await Task.Delay(ErrorDelay, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            await BackgroundWorkAtStopAsync();
            if (lease.IsHeld)
                await ReleaseAtStopAsync();
            status.Update(s => s with { IsLeader = false });
        }
    }

    /// <summary>
    /// Lets a snapshot being stored (or old ones being thinned) finish before the host disposes the database under it,
    /// for at most <see cref="StopWait"/>: a snapshot cut short costs only a longer catch-up at the next start.
    /// </summary>
    private async Task BackgroundWorkAtStopAsync()
    {
        try
        {
            await projector.SnapshotWrittenAsync().WaitAsync(StopWait);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("A state snapshot was still being stored {Seconds} s after the stop began; the next start catches up from the previous one",
                StopWait.TotalSeconds);
        }
    }

    /// <summary>
    /// Gives the lease back so the next leader need not wait for it to expire. Best effort: a host that is stopping
    /// may have closed its Redis connection or database already, and a lease not given back expires by itself
    /// (Projector:LeaseTime, Redis:LeaseTime); failing here would turn a clean stop into a crashed background service.
    /// </summary>
    private async Task ReleaseAtStopAsync()
    {
        try
        {
            await lease.ReleaseAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning("Could not give the projector lease back while stopping ({Error}); it expires by itself", ex.GetBaseException().Message);
        }
    }
}
