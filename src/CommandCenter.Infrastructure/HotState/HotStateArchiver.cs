using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Projection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Infrastructure.HotState;

/// <summary>
/// The leader's housekeeping (docs/decisions/0010): every <see cref="HotStateOptions.ArchiveInterval"/>, when the
/// projector's state holds items closed longer than the retention ago, or rollup days outside the window, it appends a
/// <c>log.archived</c> notice. The decision is the leader's (its clock), but it is made *in the log*: every reader
/// drops the same items at the same position, so the walls, the database's snapshots and any replay agree.
/// </summary>
public sealed class HotStateArchiver(
    Projector projector, IEventLog log, IProjectorLease lease, DistrictModel district, TimeProvider time, IOptions<HotStateOptions> options,
    ILogger<HotStateArchiver> logger, DatabaseReadiness? readiness = null, ProjectionStream? stream = null) : LeaderRounds(lease, logger, readiness)
{
    protected override bool Enabled => options.Value.Enabled;

    protected override TimeSpan Interval => options.Value.ArchiveInterval;

    protected override string FailureMessage => "Housekeeping failed";

    protected override async Task RoundAsync(CancellationToken ct) => await ArchiveOnceAsync(ct);

    /// <summary>Appends a notice when there is anything to archive now; returns whether it did.</summary>
    public async Task<bool> ArchiveOnceAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var cutoff = now - options.Value.Retention;
        var state = projector.State;
        if (!HasWork(state, now, cutoff))
            return false;
        // On the one stream any street will do (the notice concerns the whole district, and the envelope needs one); on a
        // street's stream, that street: each stream's leader archives its own stream (docs/decisions/0014).
        var street = stream?.Street ?? district.Streets[0].Code;
        await log.AppendAsync([EnvelopeWriter.ToFields(new LogArchived(now, cutoff), street, LogArchived.Source, now)], ct);
        logger.LogInformation("Archived from the hot state: items closed before {Cutoff:O}", cutoff);
        return true;
    }

    private static bool HasWork(DistrictState state, DateTimeOffset now, DateTimeOffset cutoff) =>
        state.Tickets.Values.Any(t => !t.IsOpen && t.ClosedAt < cutoff)
        || state.Incidents.Values.Any(i => !i.IsOpen && i.ClosedAt < cutoff)
        || state.Whistles.Values.Any(w => !w.IsActive && (w.ClosedAt ?? w.UpdatedAt) < cutoff)
        || state.Dispatches.Values.Any(d => !d.IsActive && (d.EndedAt ?? d.UpdatedAt) < cutoff)
        || !ReferenceEquals(state.Rollups.Prune(now), state.Rollups);
}
