using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Projection;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Core.Simulation;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.Database;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Infrastructure.Simulation;

/// <summary>
/// Runs the <see cref="DistrictSimulator"/> against the event log: every tick it appends the events owed by
/// the configured rate and the day rhythm, as one small batch. At start it takes over the open work already
/// in the log (from the snapshot plus the tail after it, or by replaying a small log), so a restart does not
/// send teams that are already out; after a start-up backfill (<see cref="BackfillProgress"/>) that is the history's open
/// work, once it is projected. A batch the log refuses is retried as is (same ids, so never applied twice)
/// before any new event is made, because later events build on it.
/// </summary>
public sealed class SimulatorService(
    IEventLog log,
    IOptions<SimulatorOptions> options,
    DistrictModel district,
    TimeProvider time,
    ILogger<SimulatorService> logger,
    IStateSnapshotSource? snapshots = null,
    DatabaseReadiness? readiness = null,
    BackfillProgress? backfill = null) : BackgroundService
{
    // The most one tick may append, so a long stall never turns into one huge batch.
    private const int MaxBatch = 2_000;
    private static readonly TimeSpan MaxCatchUp = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var seed = settings.Seed ?? Random.Shared.Next();
        var simulator = new DistrictSimulator(district, seed, new SimulationSettings(settings.StepDelayScale, settings.MaxActiveItems));
        using var timer = new PeriodicTimer(settings.TickInterval, time);
        var pacer = new SimulationPacer(settings.EventsPerSecond, MaxCatchUp);
        pacer.Due(time.GetUtcNow());

        try
        {
            if (readiness is not null)
                await readiness.WaitAsync(stoppingToken); // the embedded log lives in the database
            if (backfill is not null)
                await backfill.WaitAsync(stoppingToken); // carry on from the history's open work, never beside it
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        await ResumeAsync(simulator, settings, stoppingToken);
        logger.LogInformation("District simulator running at {Rate} events/s (daily mean), seed {Seed}", settings.EventsPerSecond, seed);

        IReadOnlyList<IReadOnlyDictionary<string, string>>? pending = null;
        var failures = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = time.GetUtcNow();
                var owed = pacer.Due(now);
                pending ??= owed > 0 ? simulator.Next(now, Math.Min(owed, MaxBatch)) : null;
                if (pending is not { } batch) continue;

                try
                {
                    await log.AppendAsync(batch, stoppingToken);
                    pending = null;
                    if (failures > 0)
                        logger.LogInformation("District simulator appends again after {Failures} failed attempts", failures);
                    failures = 0;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Log the first failure and then sparsely: the log may be down for a while.
                    if (failures++ % 100 == 0)
                        logger.LogWarning(ex, "District simulator could not append {Count} events (attempt {Attempt}); retrying the same batch", batch.Count, failures);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ResumeAsync(DistrictSimulator simulator, SimulatorOptions settings, CancellationToken ct)
    {
        try
        {
            if (await CurrentStateAsync(settings.MaxResumeEntries, ct) is { } state)
            {
                simulator.Resume(state, time.GetUtcNow());
                logger.LogInformation("District simulator took over {Count} open items from the log", simulator.ActiveItemCount);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "District simulator could not read the open work in the log; starting fresh");
        }
    }

    /// <summary>The reducer's state at the end of the log, or null when that would take replaying too much of it.</summary>
    private async Task<DistrictState?> CurrentStateAsync(int maxEntries, CancellationToken ct)
    {
        var state = DistrictState.Empty;
        var position = LogPosition.Start;
        if (snapshots is not null)
        {
            try
            {
                var snapshot = await snapshots.LoadAsync(ct);
                (state, position) = (snapshot.State, snapshot.Checkpoint);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "No state snapshot yet; replaying the log from its start");
            }
        }

        var parser = new EnvelopeParser(district);
        var reducer = new DistrictReducer(district);
        var replayed = 0;
        while (true)
        {
            var entries = await log.ReadAfterAsync(position, 1_000, ct);
            if (entries.Count == 0)
                return state;
            replayed += entries.Count;
            if (replayed > maxEntries)
                return null;
            foreach (var entry in entries)
            {
                if (parser.Parse(entry) is { Envelope: { } envelope })
                    state = reducer.Apply(state, envelope).State;
                position = entry.Position;
            }
        }
    }
}
