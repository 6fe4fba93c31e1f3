using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.EventLog;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Web.Live;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Health;

/// <summary>
/// <c>GET /healthz</c>: can this instance reach its log and database, and how far behind are the projector and
/// the live tail. 200 while both stores answer: "ok", or "degraded" while the projector or the tail has a current
/// error or the database trails the log by more than <see cref="ProjectionLag.Limit"/> (it says "ok" again once the
/// fault clears and the backlog drains); 503 when either store does not answer or the database is not ready, so a
/// load balancer takes the instance out.
/// </summary>
internal static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", HandleAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> HandleAsync(
        IEventLog log, IDbConnectionFactory database, DatabaseReadiness readiness, ProjectorStatus projector, ProjectionLagMonitor lag,
        LiveState live, IOptions<EventLogOptions> logOptions, CancellationToken ct)
    {
        var (eventLog, info) = await ProbeLogAsync(log, ct);
        var databaseState = readiness.Problem ?? await ProbeDatabaseAsync(database, ct);
        var projection = projector.Current;
        var behind = lag.Current;
        var storesUp = eventLog == "ok" && databaseState == "ok";
        var status = !storesUp ? "unhealthy"
            : projection.LastError is not null || live.LastError is not null || behind.IsBehind ? "degraded"
            : "ok";

        var body = new
        {
            status,
            mode = logOptions.Value.Provider == EventLogProvider.Redis ? "redis" : "embedded",
            eventLog,
            database = databaseState,
            appliedCount = projection.AppliedCount,
            lastAppliedId = projection.LastAppliedId,
            liveLastId = live.Current.LastEventId,
            tailLagMs = live.TailLag is { } tail ? (long?)Math.Max(0, (long)tail.TotalMilliseconds) : null,
            projectorLagMs = (long)behind.Lag.TotalMilliseconds,
            deadLettered = info?.DeadLettered ?? projection.DeadLettered,
            logLength = info?.Length,
            stream = logOptions.Value.StreamKey,
            pending = info?.Pending,
            leaseHolder = projection.LeaseHolder,
            isLeader = projection.IsLeader,
            projectorError = projection.LastError,
            liveError = live.LastError,
        };
        return Results.Json(body, statusCode: storesUp ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<(string State, LogInfo? Info)> ProbeLogAsync(IEventLog log, CancellationToken ct)
    {
        try
        {
            return ("ok", await log.InfoAsync(Projector.Group, ct));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ($"error: {ex.Message}", null);
        }
    }

    private static async Task<string> ProbeDatabaseAsync(IDbConnectionFactory database, CancellationToken ct)
    {
        try
        {
            await using var connection = await database.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(ct);
            return "ok";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return $"error: {ex.Message}";
        }
    }
}
