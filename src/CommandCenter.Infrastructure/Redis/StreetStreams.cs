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
    public required ProjectionLagMonitor Lag { get; init; }

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
        var lag = ActivatorUtilities.CreateInstance<ProjectionLagMonitor>(sp, log, store);
        List<IHostedService> services =
        [
            ActivatorUtilities.CreateInstance<ProjectorService>(sp, running, lease, status),
            lag,
            ActivatorUtilities.CreateInstance<DeadlineWatcher>(sp, running, log, lease),
            ActivatorUtilities.CreateInstance<HotStateArchiver>(sp, running, log, lease, stream),
            ActivatorUtilities.CreateInstance<RulesAdoption>(sp, running, log, lease, stream),
        ];
        if (trim)
            services.Add(ActivatorUtilities.CreateInstance<LogTrimmer>(sp, log, running, lease));
        return new StreetPipeline { Stream = stream, Log = log, Store = store, Status = status, Lease = lease, Projector = running, Lag = lag, Services = services };
    }
}

/// <summary>
/// The stored state of the whole district under streets per street: every street's projection loaded and united
/// (<see cref="StreetStatesMerge"/>), for what starts from the database's state (the simulator's resumption).
/// </summary>
internal sealed class StreetsSnapshotSource(StreetPipelines pipelines) : Core.Projection.IStateSnapshotSource
{
    /// <returns>The union of the streets' states; its checkpoint is <see cref="Core.EventLog.LogPosition.Start"/>, since each street has its own.</returns>
    public async Task<Core.Projection.StateSnapshot> LoadAsync(CancellationToken ct = default)
    {
        var states = new List<Core.State.DistrictState>();
        foreach (var pipeline in pipelines.All)
            states.Add((await pipeline.Store.LoadAsync(ct)).State);
        return new Core.Projection.StateSnapshot(Core.State.StreetStatesMerge.Union(states), Core.EventLog.LogPosition.Start);
    }

    /// <exception cref="NotSupportedException">Always: each street has its own checkpoint (<see cref="StreetPipeline.Store"/>).</exception>
    public Task<Core.EventLog.LogPosition> CheckpointAsync(CancellationToken ct = default) =>
        throw new NotSupportedException("one stream per street: each street's projection has its own checkpoint");
}

/// <summary>Every street's pipeline, in the district's street order.</summary>
public sealed class StreetPipelines(IReadOnlyList<StreetPipeline> all)
{
    public IReadOnlyList<StreetPipeline> All { get; } = all;
}

/// <summary>
/// Folds the streets' projector statuses and lags, once a second, into the app's one <see cref="ProjectorStatus"/> and
/// <see cref="ProjectionLagMonitor"/>, which /healthz, /metrics and the walls read: leader while this instance leads any
/// street (the holder named per street in the log), counts summed, the first street's current error named with its
/// street, and the worst street's lag.
/// </summary>
internal sealed class StreetStatusFold(StreetPipelines pipelines, ProjectorStatus status, ProjectionLagMonitor lag) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public void FoldOnce()
    {
        var all = pipelines.All.Select(p => (p.Stream, Status: p.Status.Current, Lag: p.Lag.Current)).ToList();
        var failing = all.FirstOrDefault(p => p.Status.LastError is not null);
        var leading = all.Count(p => p.Status.IsLeader);
        status.Update(s => s with
        {
            IsLeader = leading > 0,
            LeaseHolder = leading > 0 ? $"{leading} of {all.Count} streets' leases held here" : all.Select(p => p.Status.LeaseHolder).FirstOrDefault(h => h is not null),
            AppliedCount = all.Sum(p => p.Status.AppliedCount),
            RejectedCount = all.Sum(p => p.Status.RejectedCount),
            DuplicateCount = all.Sum(p => p.Status.DuplicateCount),
            DeadLettered = all.Sum(p => p.Status.DeadLettered),
            LastAppliedId = all.Where(p => p.Status.LastCommitAt is not null).Select(p => p.Status).MaxBy(p => p.LastCommitAt)?.LastAppliedId ?? s.LastAppliedId,
            Checkpoint = null, // one per street: /healthz/detail names none
            LastCommitAt = all.Max(p => p.Status.LastCommitAt),
            LastError = failing.Status?.LastError is { } error ? $"{failing.Stream}: {error}" : null,
            LastErrorAt = failing.Status?.LastErrorAt,
        });
        var worst = all.MaxBy(p => p.Lag.Lag).Lag;
        lag.Publish(worst with { Error = all.Select(p => p.Lag.Error).FirstOrDefault(e => e is not null) });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(Interval);
            do
            {
                FoldOnce();
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
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
        services.AddHostedService<StreetStatusFold>();
        // The live state (Web) follows every street's stream through this tail when it is registered.
        services.AddSingleton<StreetStreamsTail>();
        services.AddSingleton<Core.Projection.IStateSnapshotSource, StreetsSnapshotSource>();
    }
}
