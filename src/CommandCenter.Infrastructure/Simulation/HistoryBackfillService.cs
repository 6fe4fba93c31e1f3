using System.Diagnostics;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Reference;
using CommandCenter.Core.Simulation.History;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Deadlines;
using CommandCenter.Infrastructure.Projection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Infrastructure.Simulation;

/// <summary>
/// On the first start of a fresh log (<see cref="GeneratedHistory.IsFreshAsync"/>), appends the last
/// <see cref="SimulatorOptions.BackfillDays"/> days of generated history up to now in bulk, so a newcomer's wall shows
/// trends, on-time and satisfaction rates at once instead of dashes. On any start it then waits until the projector has
/// committed the log's past (the backfill, or a history written by <c>cc simulate</c>, or what accumulated while the app
/// was down) and settles <see cref="BackfillProgress"/>: the live simulator takes over the open work only then, and the
/// deadline watcher judges only then. A failure is logged and settles too: the live app never waits on a history it
/// could not load.
/// </summary>
public sealed class HistoryBackfillService(
    IEventLog log,
    IOptions<SimulatorOptions> options,
    IOptions<WhistleOptions> whistles,
    DistrictModel district,
    TimeProvider time,
    BackfillProgress progress,
    ILogger<HistoryBackfillService> logger,
    ProjectionStore? store = null,
    DatabaseReadiness? readiness = null) : BackgroundService
{
    private const int BatchSize = 5_000;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogPosition? backfilled = null;
        try
        {
            if (readiness is not null)
                await readiness.WaitAsync(stoppingToken);
            LogPosition? past;
            if (await GeneratedHistory.IsFreshAsync(log, store, stoppingToken))
                past = backfilled = await BackfillAsync(stoppingToken);
            else
                past = (await log.InfoAsync(Projector.Group, stoppingToken)).LastPosition;
            // One stream per street has no one checkpoint to wait on: each street's deadline watcher waits for its own
            // projector to catch up instead (docs/decisions/0014).
            if (past is { } position && store is not null && log is not EventLog.StreetRoutedEventLog)
                await WaitProjectedAsync(store, position, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The history backfill failed; the district goes on without it");
        }
        finally
        {
            progress.Settle(backfilled);
        }
    }

    /// <summary>Appends the generated days; returns the position of the last entry.</summary>
    private async Task<LogPosition?> BackfillAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var seed = settings.Seed ?? Random.Shared.Next();
        var end = time.GetUtcNow();
        var entries = new HistoryGenerator(district, GeneratedHistory.SettingsFor(whistles.Value)).LastDays(settings.BackfillDays, end, seed);
        var appended = await GeneratedHistory.AppendAsync(log, entries, BatchSize, ct);
        logger.LogInformation(
            "Backfilled the last {Days} days of district history: {Count} events appended in {Seconds:F1} s ({Rate:F0} events/s), seed {Seed}",
            settings.BackfillDays, appended.Count, appended.Elapsed.TotalSeconds, appended.EventsPerSecond, seed);
        return appended.Last;
    }

    /// <summary>
    /// Polls the committed checkpoint until it reaches <paramref name="last"/>. No time limit: a live simulator or a
    /// deadline watcher acting on a state that trails its own past would only add refusals and false misses.
    /// </summary>
    private async Task WaitProjectedAsync(ProjectionStore projection, LogPosition last, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var reportAt = ProgressInterval;
        LogPosition checkpoint;
        while ((checkpoint = await projection.CheckpointAsync(ct)) < last)
        {
            if (clock.Elapsed > reportAt)
            {
                logger.LogInformation("Projecting the log's past: at {Checkpoint} of {Last}; the live simulator and the deadline watcher wait", checkpoint, last);
                reportAt += ProgressInterval;
            }
            await Task.Delay(PollInterval, ct);
        }
        if (clock.Elapsed > TimeSpan.FromSeconds(1))
            logger.LogInformation("The log's past was projected {Seconds:F1} s after the start-up check", clock.Elapsed.TotalSeconds);
    }
}
