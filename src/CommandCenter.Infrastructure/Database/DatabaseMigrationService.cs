using Microsoft.Extensions.Hosting;

namespace CommandCenter.Infrastructure.Database;

/// <summary>
/// Brings the schema up to date before anything else starts: registered as the first hosted service and finishing
/// its work inside <see cref="StartAsync"/>, which the host awaits before starting the next service.
/// </summary>
public sealed class DatabaseMigrationService(MigrationRunner runner) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await runner.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
