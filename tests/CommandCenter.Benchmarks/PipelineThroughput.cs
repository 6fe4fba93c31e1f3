using System.Diagnostics;
using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure;
using CommandCenter.Infrastructure.Projection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CommandCenter.Benchmarks;

/// <summary>
/// (b) The real pipeline: the app's infrastructure in Redis mode (projector service with its lease) on a fresh stream
/// and a fresh database — SQLite in WAL with synchronous=FULL, or a new PostgreSQL database (durable commits, the
/// server's defaults) — while the producer appends at full speed. Measured from the first XADD until the projector has
/// committed and acknowledged the last entry.
/// </summary>
internal static class PipelineThroughput
{
    /// <param name="postgres">A PostgreSQL superuser's connection string to create the run's database with; null for SQLite.</param>
    /// <param name="backlog">Append everything first, then time the projector alone draining it (no producer competing for the cores).</param>
    public static async Task<(double EventsPerSecond, long Applied, long Rejected)> MeasureAsync(
        string redisAddress, IConnectionMultiplexer redis, IReadOnlyList<NameValueEntry[]> entries, string workDir, string? postgres = null,
        bool backlog = false)
    {
        var (provider, database) = postgres is null
            ? ("Sqlite", $"Data Source={Path.Combine(workDir, $"pipeline-{Guid.NewGuid():N}.db")}")
            : ("Postgres", await BenchDatabase.CreatePostgresAsync(postgres));
        var stream = $"bench:pipeline:{Guid.NewGuid():N}";
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EventLog:Provider"] = "Redis",
            ["EventLog:StreamKey"] = stream,
            ["EventLog:DeadLetterKey"] = stream + ":dead",
            ["ConnectionStrings:Redis"] = redisAddress,
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Database"] = database,
            ["DeadlineWatcher:Enabled"] = "false",
        });
        builder.Services.AddCommandCenterInfrastructure(builder.Configuration);
        var db = redis.GetDatabase();
        if (backlog)
            await RawRedisBaseline.ProduceAsync(db, stream, entries);
        using var host = builder.Build();
        await host.StartAsync();
        var status = host.Services.GetRequiredService<ProjectorStatus>();
        await WaitUntilAsync(() => status.IsLeader, TimeSpan.FromSeconds(30), "the projector to take its lease");

        var clock = Stopwatch.StartNew();
        if (!backlog)
            await RawRedisBaseline.ProduceAsync(db, stream, entries);
        var last = LogPosition.Parse((await db.StreamRangeAsync(stream, "-", "+", 1, Order.Descending))[0].Id.ToString());
        var log = host.Services.GetRequiredService<IEventLog>();
        await WaitUntilAsync(() => status.Checkpoint is { } checkpoint && checkpoint >= last, TimeSpan.FromMinutes(5), "the projector to commit everything");
        while (await log.PendingCountAsync(Projector.Group) > 0)
            await Task.Delay(1);
        clock.Stop();

        var result = (entries.Count / clock.Elapsed.TotalSeconds, status.AppliedCount, status.RejectedCount);
        await host.StopAsync();
        await db.KeyDeleteAsync([stream, stream + ":dead"]);
        return result;
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, TimeSpan within, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > within)
                throw new TimeoutException($"waited {within.TotalSeconds} s for {what}");
            await Task.Delay(1);
        }
    }
}
