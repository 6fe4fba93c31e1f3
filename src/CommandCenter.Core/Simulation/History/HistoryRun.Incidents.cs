using CommandCenter.Core.Events;
using static CommandCenter.Core.Simulation.History.ItemTimeline;

namespace CommandCenter.Core.Simulation.History;

internal sealed partial class HistoryRun
{
    /// <summary>
    /// A grid incident from the grid worker's report to its closing: accepted by the command center (on duty day and
    /// night), assigned to a street body, often with a team sent, resolved, verified and closed on time or late;
    /// a few come back after closing and are handled again.
    /// </summary>
    private void StartIncident(DateTimeOffset at)
    {
        var grid = Pick(_grids);
        var street = grid.Street;
        var kind = Pick(SimulationCatalog.Incidents);
        var severity = IncidentSeverity(kind.Serious);
        var limit = IncidentTimeLimit(severity);
        var due = at + limit;
        var id = NewId();
        var title = $"{grid.Community.Name}{Pick(SimulationCatalog.Places)}{Pick(kind.Titles)}";
        var incident = new ItemTimeline(street.Code);
        incident.Add(at, new IncidentReported(id, grid.Grid.Id, kind.Category, severity, title,
            Description: $"网格员巡查发现{grid.Grid.Name}{kind.Category}问题，已拍照上传。",
            DueAt: China(due),
            ReportedBy: $"网格员{Pick(SimulationCatalog.Surnames)}某"), Source, change: Openness.Opens);

        var closeAt = Chance(Shares.IncidentsLate)
            ? due + Skewed(TimeSpan.FromMinutes(30), limit)
            : at + limit * (0.1 + 0.8 * Math.Pow(_random.NextDouble(), 1.4));
        var span = closeAt - at;
        var accepted = incident.Add(at + Min(Minutes(1, 15), span * 0.05), new IncidentAccepted(id, "指挥中心已受理"), Source);
        var assigned = incident.Add(accepted + Min(Minutes(3, 30), span * 0.08),
            new IncidentAssigned(id, kind.Body, $"{Pick(SimulationCatalog.Surnames)}科长"), Source);

        var resolveAt = assigned + (closeAt - assigned) * Between(0.55, 0.85);
        if (kind.TeamKind is { } teamKind && Chance(Shares.IncidentsWithTeam))
        {
            // The team goes out while the body handles it; the incident is resolved only once the team is back.
            var sent = SendTeam(street.Code, assigned + Minutes(1, 10), teamKind, id, $"处置：{title}");
            if (sent is { } back)
                resolveAt = Latest(resolveAt, back + Minutes(2, 20));
        }
        var resolved = incident.Add(resolveAt, new IncidentResolved(id, Pick(kind.Outcomes)), Source);
        var verified = incident.Add(resolved + Max(closeAt - resolved, TimeSpan.FromMinutes(2)) * Between(0.4, 0.8),
            new IncidentVerified(id, "网格员复核，现场已整改"), Source);
        var closed = incident.Add(Latest(closeAt, verified + Minutes(1, 10)), new IncidentClosed(id, "核查通过，结案"), Source,
            change: Openness.Closes);

        if (Chance(Shares.IncidentsReopened))
        {
            var reopened = incident.Add(closed + Skewed(TimeSpan.FromHours(2), TimeSpan.FromHours(48)),
                new IncidentReopened(id, Pick(SimulationCatalog.ReopenReasons)), Source, change: Openness.Opens);
            var reassigned = incident.Add(reopened + Minutes(5, 30), new IncidentAssigned(id, kind.Body, $"{Pick(SimulationCatalog.Surnames)}科长"), Source);
            var resolvedAgain = incident.Add(reassigned + Hours(1, 8), new IncidentResolved(id, Pick(kind.Outcomes)), Source);
            var verifiedAgain = incident.Add(resolvedAgain + Minutes(10, 60), new IncidentVerified(id, "二次复核通过"), Source);
            incident.Add(verifiedAgain + Minutes(5, 30), new IncidentClosed(id, "整改到位，再次结案"), Source, change: Openness.Closes);
        }
        incident.AddDeadlineMiss(DeadlineKind.Incident, id, due, WatchDelay());
        Commit(incident);
    }

    /// <summary>Mostly 3–4 (routine), some 2, rarely 1; hazards to people run one level more severe (as the live simulator).</summary>
    private int IncidentSeverity(bool serious)
    {
        var roll = _random.NextDouble();
        return serious
            ? roll switch { < 0.08 => 1, < 0.45 => 2, _ => 3 }
            : roll switch { < 0.01 => 1, < 0.10 => 2, < 0.60 => 3, _ => 4 };
    }

    /// <summary>Time limits by severity: 2 h, 8 h, 24 h, 72 h (as the live simulator).</summary>
    private static TimeSpan IncidentTimeLimit(int severity) => severity switch
    {
        1 => TimeSpan.FromHours(2),
        2 => TimeSpan.FromHours(8),
        3 => TimeSpan.FromHours(24),
        _ => TimeSpan.FromHours(72),
    };
}
