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
/// blown whistle by its report-in deadline, and appends one <c>deadline.missed</c> for each. A miss it has
/// appended is remembered until the state shows it (or it stops being a miss), so each is appended once;
/// the envelope id is derived from the miss itself, so even a new leader's repeat is dropped as a duplicate.
/// </summary>
public sealed class DeadlineWatcher(
    Projector projector,
    IEventLog log,
    IProjectorLease lease,
    TimeProvider time,
    IOptions<DeadlineWatcherOptions> options,
    ILogger<DeadlineWatcher> logger) : BackgroundService
{
    public const string Source = "deadline-watcher";

    private readonly HashSet<DeadlineMissed> _appended = [];

    /// <summary>Appends the misses found now and not appended before; returns how many it appended.</summary>
    public async Task<int> ScanOnceAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var misses = FindMisses(projector.State, now).ToList();

        _appended.IntersectWith(misses.Select(m => m.Miss)); // the state shows the others: forget them
        var fresh = misses.Where(m => !_appended.Contains(m.Miss)).ToList();
        if (fresh.Count == 0)
            return 0;

        await log.AppendAsync([.. fresh.Select(m => (IReadOnlyDictionary<string, string>)
            EnvelopeWriter.ToFields(m.Miss, m.Street, Source, now, IdOf(m.Miss)))], ct);
        _appended.UnionWith(fresh.Select(m => m.Miss));
        logger.LogInformation("Appended {Count} deadline.missed events", fresh.Count);
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
            foreach (var department in whistle.Departments.Where(d => d.ReportedAt is null && !d.Missed))
                yield return (new DeadlineMissed(DeadlineKind.WhistleReport, whistle.Id, whistle.ReportDueAt, department.Department), whistle.Street);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        try
        {
            // Real-time interval: the deadlines themselves are judged by the injected TimeProvider.
            using var timer = new PeriodicTimer(options.Value.Interval);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!lease.IsHeld)
                {
                    _appended.Clear(); // a later leadership starts from the log, not from old memory
                    continue;
                }
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
    internal static Guid IdOf(DeadlineMissed miss)
    {
        var name = $"deadline.missed|{miss.Kind}|{miss.EntityId}|{miss.DueAt.UtcTicks}|{miss.Department}";
        Span<byte> bytes = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), bytes);
        var guid = bytes[..16];
        guid[6] = (byte)((guid[6] & 0x0F) | 0x80);
        guid[8] = (byte)((guid[8] & 0x3F) | 0x80);
        return new Guid(guid, bigEndian: true);
    }
}
