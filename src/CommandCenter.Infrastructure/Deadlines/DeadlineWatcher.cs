using CommandCenter.Core.Deadlines;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Whistles;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Projection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Infrastructure.Deadlines;

/// <summary>
/// Turns passing time into events (docs/architecture.md): on the leader only, every few seconds it asks the pure rules
/// in Core what has passed in the projector's state — missed deadlines (<see cref="MissedDeadlines"/>), each appended as
/// one <c>deadline.missed</c>, then escalations (<see cref="WhistleEscalation"/>, with report-in times from
/// <see cref="WhistleOptions"/>) in the same batch after their misses.
/// An event it has appended is remembered until the state shows it (or it stops applying), so each is appended once;
/// the envelope id is derived from what happened, so even a new leader's repeat is dropped as a duplicate.
/// </summary>
public sealed class DeadlineWatcher(
    Projector projector,
    IEventLog log,
    IProjectorLease lease,
    TimeProvider time,
    IOptions<DeadlineWatcherOptions> options,
    IOptions<WhistleOptions> whistles,
    ILogger<DeadlineWatcher> logger,
    DatabaseReadiness? readiness = null,
    Simulation.BackfillProgress? backfill = null) : LeaderRounds(lease, logger, readiness)
{
    public const string Source = "deadline-watcher";

    /// <summary>Ids of events appended and not yet seen in the state.</summary>
    private readonly HashSet<Guid> _appended = [];

    /// <summary>Appends the misses and escalations found now and not appended before; returns how many it appended.</summary>
    public async Task<int> ScanOnceAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var state = projector.State;
        var due = MissedDeadlines.Find(state, now).Select(m => (Payload: (IEventPayload)m.Miss, m.Street, Id: MissedDeadlines.IdOf(m.Miss)))
            .Concat(WhistleEscalation.Find(state, now, whistles.Value.Times).Select(x => (Payload: (IEventPayload)x.Escalation, x.Street, x.Id)))
            .ToList();

        _appended.IntersectWith(due.Select(d => d.Id)); // the state shows the others: forget them
        var fresh = due.Where(d => !_appended.Contains(d.Id)).ToList();
        if (fresh.Count == 0)
            return 0;

        await log.AppendAsync([.. fresh.Select(d => (IReadOnlyDictionary<string, string>)
            EnvelopeWriter.ToFields(d.Payload, d.Street, Source, now, d.Id))], ct);
        _appended.UnionWith(fresh.Select(d => d.Id));
        logger.LogInformation("Appended {Count} deadline events ({Escalations} escalations)", fresh.Count, fresh.Count(d => d.Payload is WhistleEscalated));
        return fresh.Count;
    }

    protected override bool Enabled => options.Value.Enabled;

    // Real-time interval: the deadlines themselves are judged by the injected TimeProvider.
    protected override TimeSpan Interval => options.Value.Interval;

    protected override string FailureMessage => "Deadline scan failed";

    protected override LogLevel FailureLevel => LogLevel.Error;

    protected override async Task RoundAsync(CancellationToken ct) => await ScanOnceAsync(ct);

    // A later leadership starts from the log, not from old memory.
    protected override void OnNotLeader() => _appended.Clear();

    // A state still loading the start-up history, or working through any backlog, holds work whose closing is further
    // down the log: judged now, it would be marked missed at today's time (and refused once its item is found closed
    // and archived). The history carries its own misses.
    protected override bool SkipRound => backfill is { IsSettled: false } || !projector.IsCaughtUp;
}
