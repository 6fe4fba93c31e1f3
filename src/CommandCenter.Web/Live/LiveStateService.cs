namespace CommandCenter.Web.Live;

/// <summary>Runs the live state's tail for the life of the app.</summary>
internal sealed class LiveStateService(LiveState live, CommandCenter.Infrastructure.Database.DatabaseReadiness readiness) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start path: loading a large snapshot must not hold up the other services.
        await Task.Yield();
        try
        {
            await readiness.WaitAsync(stoppingToken);
            await live.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
