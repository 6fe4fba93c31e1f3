using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Projection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Infrastructure.Rules;

/// <summary>
/// The leader's part in a change of the reducer's rules (docs/decisions/0015): when the projector's state, loaded from
/// the database, still reduces by older rules than this code's <see cref="DistrictReducer.LatestRules"/>, it appends one
/// <c>log.rules-adopted</c> notice. Every reader of the log takes the new rules at that position, and everything before
/// it replays by the rules it was recorded under. A second notice (another instance, a retry) changes nothing.
/// </summary>
public sealed class RulesAdoption(
    Projector projector, IEventLog log, IProjectorLease lease, DistrictModel district, TimeProvider time, ILogger<RulesAdoption> logger,
    DatabaseReadiness? readiness = null, ProjectionStream? stream = null) : BackgroundService
{
    /// <summary>How often it looks while the log's rules are old; it stops looking once they are current.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long a notice appended but not yet projected is waited for before it is appended again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    private DateTimeOffset? _appendedAt;

    /// <summary>Whether the projected state already reduces by this code's rules.</summary>
    public bool IsCurrent => projector.Fence > 0 && projector.State.Rules >= DistrictReducer.LatestRules;

    /// <summary>Appends the notice when this instance leads, its projector has loaded, and the log's rules are old; returns whether it did.</summary>
    public async Task<bool> AdoptOnceAsync(CancellationToken ct = default)
    {
        if (!lease.IsHeld || projector.Fence == 0 || IsCurrent)
            return false;
        var now = time.GetUtcNow();
        if (_appendedAt is { } at && now - at < RetryAfter)
            return false;
        // On the one stream any street will do (the notice concerns the whole district, and the envelope needs one); on a
        // street's stream, that street: each stream adopts the rules at a position of its own (docs/decisions/0014).
        await log.AppendAsync([EnvelopeWriter.ToFields(new LogRulesAdopted(DistrictReducer.LatestRules), stream?.Street ?? district.Streets[0].Code, LogRulesAdopted.Source, now)], ct);
        _appendedAt = now;
        logger.LogInformation("Adopted the reducer's rules {Rules} from the next log position on (was {Old})", DistrictReducer.LatestRules, projector.State.Rules);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (readiness is not null)
                await readiness.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(CheckInterval, time);
            while (!IsCurrent && await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await AdoptOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not append the rules notice; trying again");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
