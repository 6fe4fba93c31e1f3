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
/// trends, on-time and satisfaction rates at once instead of dashes; then waits until the projector has committed it
/// and settles <see cref="BackfillProgress"/>. Any later start finds the log not fresh and does nothing. A failure is
/// logged and settles too: the live app never waits on a history it could not load.
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

    /// <summary>The longest wait for the projector to commit the history before the live services go on anyway.</summary>
    internal static readonly TimeSpan ProjectionWait = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogPosition? last = null;
        try
        {
            if (readiness is not null)
                await readiness.WaitAsync(stoppingToken);
            if (!await GeneratedHistory.IsFreshAsync(log, store, stoppingToken))
            {
                logger.LogDebug("The event log has a past; no history backfilled");
                return;
            }

            var settings = options.Value;
            var seed = settings.Seed ?? Random.Shared.Next();
            var end = time.GetUtcNow();
            var entries = new HistoryGenerator(district, GeneratedHistory.SettingsFor(whistles.Value)).LastDays(settings.BackfillDays, end, seed);
            var appended = await GeneratedHistory.AppendAsync(log, entries, BatchSize, stoppingToken);
            last = appended.Last;
            logger.LogInformation(
                "Backfilled the last {Days} days of district history: {Count} events appended in {Seconds:F1} s ({Rate:F0} events/s), seed {Seed}",
                settings.BackfillDays, appended.Count, appended.Elapsed.TotalSeconds, appended.EventsPerSecond, seed);

            if (last is { } position && store is not null)
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
            progress.Settle(last);
        }
    }

    private async Task WaitProjectedAsync(ProjectionStore projection, LogPosition last, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (await projection.CheckpointAsync(ct) < last)
        {
            if (clock.Elapsed > ProjectionWait)
            {
                logger.LogWarning("The backfilled history is not projected after {Wait}; the live simulator and the deadline watcher start anyway", ProjectionWait);
                return;
            }
            await Task.Delay(PollInterval, ct);
        }
        logger.LogInformation("The backfilled history was projected {Seconds:F1} s after its last append", clock.Elapsed.TotalSeconds);
    }
}
