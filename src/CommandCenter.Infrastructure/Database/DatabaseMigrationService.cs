using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Infrastructure.Database;

/// <summary>
/// Brings the schema up to date. Registered first of the hosted services: one attempt inside <see cref="StartAsync"/>,
/// so an ordinary start has its schema before anything else runs; if the database is locked, full or unreachable, the
/// app starts anyway (serving /healthz with the reason) and this keeps trying in the background with a growing
/// back-off, up to <see cref="MaxDelay"/>, until <see cref="DatabaseReadiness"/> says ready.
/// </summary>
public sealed class DatabaseMigrationService(MigrationRunner runner, DatabaseReadiness readiness, ILogger<DatabaseMigrationService> logger)
    : IHostedService
{
    internal static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    // Not disposed: it has no timer to release, and a host may call StopAsync again after disposing its services.
    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await TryMigrateAsync(cancellationToken))
            return;
        _retrying = Task.Run(() => RetryAsync(_stopping.Token), CancellationToken.None);
    }

    private async Task RetryAsync(CancellationToken ct)
    {
        var delay = FirstDelay;
        while (!ct.IsCancellationRequested)
        {
            try { await Task.Delay(delay, ct); }
            catch (OperationCanceledException) { return; }
            if (await TryMigrateAsync(ct))
                return;
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }

    private async Task<bool> TryMigrateAsync(CancellationToken ct)
    {
        try
        {
            await runner.MigrateAsync(ct);
            readiness.SetReady();
            return true;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            readiness.SetProblem($"database not ready: {ex.Message}");
            logger.LogWarning(ex, "The database is not ready; the app serves /healthz and tries again");
            return false;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _retrying;
    }
}
