using CommandCenter.Core.Reference;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Deadlines;
using CommandCenter.Infrastructure.EventLog;
using CommandCenter.Infrastructure.HotState;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Rules;
using CommandCenter.Infrastructure.Trimming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CommandCenter.Infrastructure.Redis;

/// <summary>
/// One street's stream with everything its leader runs (docs/decisions/0014): its projector (own consumer group on its
/// own key, checkpoint row, fencing token, idempotency window and snapshots), its lease
/// <c>cc:events:{street}:projector:lease</c>, and the leader's rounds on it — the deadline watcher, the hot-state
/// housekeeping, the rules adoption and the trimmer — each reading this stream's projected state and appending to this
/// stream only. Streets are independent: one stream's leader may be another instance than the next stream's.
/// </summary>
public sealed class StreetPipeline
{
    public required ProjectionStream Stream { get; init; }
    public required RedisEventLog Log { get; init; }
    public required ProjectionStore Store { get; init; }
    public required ProjectorStatus Status { get; init; }
    public required IProjectorLease Lease { get; init; }
    public required Projector Projector { get; init; }

    /// <summary>The stream's background work, started and stopped with the host.</summary>
    public required IReadOnlyList<IHostedService> Services { get; init; }

    /// <summary>Builds the pipeline of <paramref name="stream"/> from the app's services.</summary>
    public static StreetPipeline Create(IServiceProvider sp, ProjectionStream stream, RedisEventLog log, bool trim)
    {
        var projector = sp.GetRequiredService<IOptions<ProjectorOptions>>().Value;
        var store = new ProjectionStore(sp.GetRequiredService<IDbConnectionFactory>(), sp.GetRequiredService<Core.Events.EnvelopeParser>(),
            sp.GetRequiredService<Core.Reducing.DistrictReducer>(), stream);
        var writer = new ProjectionWriter(sp.GetRequiredService<IDbConnectionFactory>(), sp.GetRequiredService<TimeProvider>(), stream);
        var status = new ProjectorStatus();
        var lease = new RedisProjectorLease(sp.GetRequiredService<IConnectionMultiplexer>(), $"{log.StreamKey}:projector:lease",
            projector.ConsumerName, sp.GetRequiredService<IOptions<RedisOptions>>().Value.LeaseTime);
        var running = ActivatorUtilities.CreateInstance<Projector>(sp, log, store, writer, status);
        List<IHostedService> services =
        [
            ActivatorUtilities.CreateInstance<ProjectorService>(sp, running, lease, status),
            ActivatorUtilities.CreateInstance<DeadlineWatcher>(sp, running, log, lease),
            ActivatorUtilities.CreateInstance<HotStateArchiver>(sp, running, log, lease, stream),
            ActivatorUtilities.CreateInstance<RulesAdoption>(sp, running, log, lease, stream),
        ];
        if (trim)
            services.Add(ActivatorUtilities.CreateInstance<LogTrimmer>(sp, log, running, lease));
        return new StreetPipeline { Stream = stream, Log = log, Store = store, Status = status, Lease = lease, Projector = running, Services = services };
    }
}

/// <summary>Every street's pipeline, in the district's street order.</summary>
public sealed class StreetPipelines(IReadOnlyList<StreetPipeline> all)
{
    public IReadOnlyList<StreetPipeline> All { get; } = all;
}

/// <summary>Starts and stops every street's background work with the host.</summary>
internal sealed class StreetPipelinesService(StreetPipelines pipelines) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var service in pipelines.All.SelectMany(p => p.Services))
            await service.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(pipelines.All.SelectMany(p => p.Services).Reverse().Select(s => s.StopAsync(cancellationToken)));
}

internal static class StreetStreamsRegistration
{
    /// <summary>
    /// Under <c>EventLog:Sharding = Street</c>: one Redis stream per street of the district, the producers' router as the
    /// app's <see cref="Core.EventLog.IEventLog"/>, and one pipeline per street in place of the single projector's.
    /// </summary>
    public static void AddStreetStreams(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EventLogOptions>>().Value;
            var redis = sp.GetRequiredService<IConnectionMultiplexer>();
            return new EventLogStreams([.. sp.GetRequiredService<DistrictModel>().Streets.Select(street =>
            {
                var stream = new ProjectionStream(street.Code);
                return new StreamLog(stream, new RedisEventLog(redis, stream.StreamKey(options.StreamKey), options.DeadLetterKey, namesStream: true));
            })]);
        });
        services.AddSingleton<Core.EventLog.IEventLog>(sp => new StreetRoutedEventLog(sp.GetRequiredService<EventLogStreams>()));
        var trim = configuration.GetValue(LogTrimOptions.Section + ":Enabled", true);
        services.AddSingleton(sp => new StreetPipelines([.. sp.GetRequiredService<EventLogStreams>().All
            .Select(s => StreetPipeline.Create(sp, s.Stream, (RedisEventLog)s.Log, trim))]));
        services.AddHostedService<StreetPipelinesService>();
        // The live state (Web) follows every street's stream through this tail when it is registered.
        services.AddSingleton<StreetStreamsTail>();
    }
}
