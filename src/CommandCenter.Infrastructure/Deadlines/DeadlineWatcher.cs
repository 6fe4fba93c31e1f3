using CommandCenter.Infrastructure.Database;
using System.Security.Cryptography;
using System.Text;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.Projection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Infrastructure.Deadlines;

/// <summary>
/// Turns passing time into events (DESIGN §3): on the leader only, every few seconds it looks at the projector's
/// state for open incidents and tickets past their due time, and for departments that have not reported in to a
/// blown whistle by its report-in deadline, and appends one <c>deadline.missed</c> for each. A whistle whose
/// deadline passed with departments still waiting is then escalated one level (work-advance → tough-problem →
/// district, never beyond) with a new deadline from <see cref="WhistleOptions"/>, in the same batch after its misses.
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
    Simulation.BackfillProgress? backfill = null) : BackgroundService
{
    public const string Source = "deadline-watcher";

    /// <summary>Ids of events appended and not yet seen in the state.</summary>
    private readonly HashSet<Guid> _appended = [];

    /// <summary>Appends the misses and escalations found now and not appended before; returns how many it appended.</summary>
    public async Task<int> ScanOnceAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var state = projector.State;
        var due = FindMisses(state, now).Select(m => (Payload: (IEventPayload)m.Miss, m.Street, Id: IdOf(m.Miss)))
            .Concat(FindEscalations(state, now, whistles.Value).Select(x => (Payload: (IEventPayload)x.Escalation, x.Street, x.Id)))
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

    /// <summary>Every deadline that has passed and is not yet recorded as missed.</summary>
    public static IEnumerable<(DeadlineMissed Miss, string Street)> FindMisses(DistrictState state, DateTimeOffset now)
    {
        foreach (var incident in state.Incidents.Values)
        {
            if (incident is { IsOpen: true, DeadlineMissed: false, DueAt: { } due } && due <= now)
                yield return (new DeadlineMissed(DeadlineKind.Incident, incident.Id, due), incident.Street);
        }
        foreach (var ticket in state.Tickets.Values)
        {
            if (ticket is { IsOpen: true, DeadlineMissed: false } && ticket.DueAt <= now)
                yield return (new DeadlineMissed(DeadlineKind.Ticket, ticket.Id, ticket.DueAt), ticket.Street);
        }
        foreach (var whistle in state.Whistles.Values)
        {
            if (whistle.Status != WhistleStatus.Blown || whistle.ReportDueAt > now)
                continue;
            foreach (var department in whistle.Departments.Where(d => d.ReportedAt is null && !d.HasMissed(whistle.ReportDueAt)))
                yield return (new DeadlineMissed(DeadlineKind.WhistleReport, whistle.Id, whistle.ReportDueAt, department.Department), whistle.Street);
        }
    }

    /// <summary>
    /// Every blown whistle below the district level whose report-in deadline has passed with departments still
    /// waiting: one level up, with the new level's report-in time from now.
    /// </summary>
    public static IEnumerable<(WhistleEscalated Escalation, string Street, Guid Id)> FindEscalations(
        DistrictState state, DateTimeOffset now, WhistleOptions options)
    {
        foreach (var whistle in state.Whistles.Values)
        {
            if (whistle.Status != WhistleStatus.Blown || whistle.ReportDueAt > now || whistle.Level >= WhistleLevel.District)
                continue;
            var waiting = whistle.Departments.Where(d => d.ReportedAt is null).Select(d => d.Department).ToList();
            if (waiting.Count == 0)
                continue;
            var next = whistle.Level + 1;
            var reason = $"report-in deadline {whistle.ReportDueAt:O} missed by {string.Join(", ", waiting)}";
            yield return (new WhistleEscalated(whistle.Id, next, reason, now + options.ReportInFor(next)), whistle.Street,
                IdOf($"whistle.escalated|{whistle.Id}|{whistle.Level}|{whistle.ReportDueAt.UtcTicks}"));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        try
        {
            if (readiness is not null)
                await readiness.WaitAsync(stoppingToken);
            // Real-time interval: the deadlines themselves are judged by the injected TimeProvider.
            using var timer = new PeriodicTimer(options.Value.Interval);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!lease.IsHeld)
                {
                    _appended.Clear(); // a later leadership starts from the log, not from old memory
                    continue;
                }
                // A state still loading the start-up history holds work whose closing is further down the log: judged
                // now, it would be marked missed at today's time. The history carries its own misses.
                if (backfill is { IsSettled: false })
                    continue;
                try
                {
                    await ScanOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Deadline scan failed; trying again next interval");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>A name-based id (RFC 9562 version 8) from the miss, so every leader names the same miss the same way.</summary>
    internal static Guid IdOf(DeadlineMissed miss) =>
        IdOf($"deadline.missed|{miss.Kind}|{miss.EntityId}|{miss.DueAt.UtcTicks}|{miss.Department}");

    private static Guid IdOf(string name)
    {
        Span<byte> bytes = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), bytes);
        var guid = bytes[..16];
        guid[6] = (byte)((guid[6] & 0x0F) | 0x80);
        guid[8] = (byte)((guid[8] & 0x3F) | 0x80);
        return new Guid(guid, bigEndian: true);
    }
}
