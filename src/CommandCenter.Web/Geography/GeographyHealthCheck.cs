using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommandCenter.Web.Geography;

/// <summary>
/// Degraded while a configured boundary file was refused (<see cref="LoadedGeography.Warning"/>): the app works on the
/// schematic map and the approximate street cells. The public reason names no file; the full reason is in the data
/// under <see cref="WarningKey"/> and in the start-up log.
/// </summary>
internal sealed class GeographyHealthCheck(LoadedGeography geography) : IHealthCheck
{
    public const string Name = "geography";
    public const string WarningKey = "warning";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) => Task.FromResult(
        geography.Warning is { } warning
            ? HealthCheckResult.Degraded("the configured street boundary file was refused; the wall shows the schematic map",
                data: new Dictionary<string, object> { [WarningKey] = warning })
            : HealthCheckResult.Healthy());
}
