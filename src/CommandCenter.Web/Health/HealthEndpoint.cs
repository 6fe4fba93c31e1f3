using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.EventLog;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Health;

/// <summary>
/// Health, with ASP.NET Core health checks (<see cref="EventLogHealthCheck"/>, <see cref="DatabaseHealthCheck"/>,
/// <see cref="PipelineHealthCheck"/>, and Geography/GeographyHealthCheck: degraded while a boundary file is refused). Both endpoints answer 200 for "ok" and "degraded" and 503 for "unhealthy" (the
/// log or the database cannot be reached, or the database is not ready), so a load balancer takes the instance out.
/// <list type="bullet">
/// <item><c>GET /healthz</c>, for everyone: <c>{"status": "ok" | "degraded" | "unhealthy", "reason": "…"}</c>, the reason
/// (only when not ok) in plain words, naming no host, file, process, stream or event.</item>
/// <item><c>GET /healthz/detail</c>, for Operator and Admin: the same plus the figures behind it — <c>mode</c>,
/// <c>eventLog</c>, <c>database</c> ("ok" or the error), <c>appliedCount</c>, <c>lastAppliedId</c>, <c>liveLastId</c>,
/// <c>tailLagMs</c>, <c>projectorLagMs</c>, <c>deadLettered</c>, <c>logLength</c>, <c>stream</c>, <c>pending</c>,
/// <c>leaseHolder</c>, <c>isLeader</c>, <c>projectorError</c>, <c>liveError</c> and each check.</item>
/// </list>
/// </summary>
internal static class HealthEndpoint
{
    public const string Path = "/healthz";
    public const string DetailPath = "/healthz/detail";

    public static IServiceCollection AddCommandCenterHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<EventLogHealthCheck>(EventLogHealthCheck.Name)
            .AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name)
            .AddCheck<PipelineHealthCheck>(PipelineHealthCheck.Name);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(Path, Options(WritePublicAsync)).AllowAnonymous().DisableHttpMetrics();
        app.MapHealthChecks(DetailPath, Options(WriteDetailAsync)).RequireAuthorization(Policies.HealthDetail);
        return app;
    }

    private static HealthCheckOptions Options(Func<HttpContext, HealthReport, Task> writer) => new()
    {
        ResponseWriter = writer,
        AllowCachingResponses = false,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };

    public static string StatusWord(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "ok",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    /// <summary>The first reason of the worst checks, in the order the checks are listed; null when all is well.</summary>
    private static string? Reason(HealthReport report) => report.Status == HealthStatus.Healthy ? null
        : string.Join("; ", report.Entries.Values.Where(e => e.Status == report.Status).Select(e => e.Description).OfType<string>());

    private static Task WritePublicAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new { status = StatusWord(report.Status), reason = Reason(report) }, Json);

    private static Task WriteDetailAsync(HttpContext context, HealthReport report)
    {
        var services = context.RequestServices;
        var projection = services.GetRequiredService<ProjectorStatus>().Current;
        var behind = services.GetRequiredService<ProjectionLagMonitor>().Current;
        var live = services.GetRequiredService<LiveState>();
        var logOptions = services.GetRequiredService<IOptions<EventLogOptions>>().Value;
        var logEntry = report.Entries.GetValueOrDefault(EventLogHealthCheck.Name);
        var info = logEntry.Data?.GetValueOrDefault(EventLogHealthCheck.InfoKey) as LogInfo;
        var databaseEntry = report.Entries.GetValueOrDefault(DatabaseHealthCheck.Name);

        return context.Response.WriteAsJsonAsync(new
        {
            status = StatusWord(report.Status),
            reason = Reason(report),
            mode = logOptions.Provider == EventLogProvider.Redis ? "redis" : "embedded",
            eventLog = logEntry.Status == HealthStatus.Healthy ? "ok" : logEntry.Data?.GetValueOrDefault(EventLogHealthCheck.ErrorKey) as string ?? "error",
            database = databaseEntry.Status == HealthStatus.Healthy ? "ok" : databaseEntry.Data?.GetValueOrDefault(DatabaseHealthCheck.ErrorKey) as string ?? "error",
            appliedCount = projection.AppliedCount,
            lastAppliedId = projection.LastAppliedId,
            liveLastId = live.Current.LastEventId,
            tailLagMs = live.TailLag is { } tail ? (long?)Math.Max(0, (long)tail.TotalMilliseconds) : null,
            projectorLagMs = (long)behind.Lag.TotalMilliseconds,
            deadLettered = info?.DeadLettered ?? projection.DeadLettered,
            logLength = info?.Length,
            stream = logOptions.StreamKey,
            pending = info?.Pending,
            leaseHolder = projection.LeaseHolder,
            isLeader = projection.IsLeader,
            projectorError = projection.LastError,
            liveError = live.LastError,
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = StatusWord(e.Value.Status),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        }, Json);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
