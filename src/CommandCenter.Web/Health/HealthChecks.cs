using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Web.Live;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommandCenter.Web.Health;

/// <summary>
/// The event log answers (<c>XINFO</c> or the embedded log's counts): Unhealthy when it cannot be reached. Its
/// figures go into the result's data for <c>/healthz/detail</c> (key <see cref="InfoKey"/>, a <see cref="LogInfo"/>).
/// </summary>
internal sealed class EventLogHealthCheck(IEventLog log) : IHealthCheck
{
    public const string Name = "eventLog";
    public const string InfoKey = "info";
    public const string ErrorKey = "error";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var info = await log.InfoAsync(Projector.Group, ct);
            return HealthCheckResult.Healthy(data: new Dictionary<string, object> { [InfoKey] = info });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the event log cannot be reached", data: new Dictionary<string, object> { [ErrorKey] = $"error: {ex.Message}" });
        }
    }
}

/// <summary>
/// The database is ready (its schema current, <see cref="DatabaseReadiness"/>) and answers <c>SELECT 1</c>: Unhealthy
/// otherwise. The reason in full (which may name files or hosts) goes into the data under <see cref="ErrorKey"/>.
/// </summary>
internal sealed class DatabaseHealthCheck(IDbConnectionFactory database, DatabaseReadiness readiness) : IHealthCheck
{
    public const string Name = "database";
    public const string ErrorKey = "error";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (readiness.Problem is { } problem)
            return HealthCheckResult.Unhealthy("the database is not ready", data: new Dictionary<string, object> { [ErrorKey] = problem });
        try
        {
            await using var connection = await database.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the database cannot be reached", data: new Dictionary<string, object> { [ErrorKey] = $"error: {ex.Message}" });
        }
    }
}

/// <summary>
/// The pipeline keeps up: Degraded while the projector or this instance's live tail has a current error, or the
/// database trails the log by more than <see cref="ProjectionLag.Limit"/> (ProjectionLagMonitor); Healthy again once
/// the fault clears and the backlog drains.
/// </summary>
internal sealed class PipelineHealthCheck(ProjectorStatus projector, ProjectionLagMonitor lag, LiveState live) : IHealthCheck
{
    public const string Name = "pipeline";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) => Task.FromResult(
        projector.LastError is not null ? HealthCheckResult.Degraded("the projector has a current error")
        : live.LastError is not null ? HealthCheckResult.Degraded("the live tail has a current error")
        : lag.Current.IsBehind ? HealthCheckResult.Degraded($"the database trails the event log by more than {ProjectionLag.Limit.TotalSeconds:F0} s")
        : HealthCheckResult.Healthy());
}
