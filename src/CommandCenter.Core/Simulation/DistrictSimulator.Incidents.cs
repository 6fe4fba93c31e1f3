using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;

namespace CommandCenter.Core.Simulation;

public sealed partial class DistrictSimulator
{
    private Dictionary<string, string> StartIncident(DateTimeOffset now, Street street)
    {
        var kind = Pick(SimulationCatalog.Incidents);
        var community = Pick(street.Communities);
        var grid = Pick(community.Grids);
        var severity = IncidentSeverity(kind.Serious);
        var id = NewId();
        var title = $"{community.Name}{Pick(SimulationCatalog.Places)}{Pick(kind.Titles)}";
        var reported = new IncidentReported(id, grid.Id, kind.Category, severity, title,
            Description: $"网格员巡查发现{grid.Name}{kind.Category}问题，已拍照上传。",
            DueAt: now + IncidentTimeLimit(severity),
            ReportedBy: $"网格员{Pick(SimulationCatalog.Surnames)}某");

        var open = new OpenIncident(id, title, kind.TeamKind);
        var opened = _openIncidents[street.Code];
        opened.Add(open);

        var item = new Item(street.Code).Then(Delay(10, 60), new IncidentAccepted(id, "指挥中心已受理"));
        ThenHandle(item, id, kind);
        if (Chance(0.05))
        {
            item.Then(Delay(30, 120), new IncidentReopened(id, Pick(SimulationCatalog.ReopenReasons)));
            ThenHandle(item, id, kind);
        }
        item.Then(Delay(30, 150), new IncidentVerified(id, "网格员复核，现场已整改"))
            .Then(Delay(20, 90), new IncidentClosed(id, "核查通过，结案"), () => opened.Remove(open));
        if (Chance(0.02))
        {
            item.Then(Delay(60, 300), new IncidentReopened(id, Pick(SimulationCatalog.ReopenReasons)), () => opened.Add(open));
            ThenHandle(item, id, kind);
            item.Then(Delay(30, 150), new IncidentVerified(id, "二次复核通过"))
                .Then(Delay(20, 90), new IncidentClosed(id, "整改到位，再次结案"), () => opened.Remove(open));
        }
        return Begin(item, reported, now);
    }

    private void ThenHandle(Item item, Guid id, SimulationCatalog.IncidentKind kind) =>
        item.Then(Delay(15, 90), new IncidentAssigned(id, kind.Body, $"{Pick(SimulationCatalog.Surnames)}科长"))
            .Then(DelayOrStall(60, 300), new IncidentResolved(id, Pick(kind.Outcomes)));

    /// <summary>Mostly 3–4 (routine), some 2, rarely 1; hazards to people run one level more severe.</summary>
    private int IncidentSeverity(bool serious)
    {
        var roll = _random.NextDouble();
        return serious
            ? roll switch { < 0.08 => 1, < 0.45 => 2, _ => 3 }
            : roll switch { < 0.01 => 1, < 0.10 => 2, < 0.60 => 3, _ => 4 };
    }

    private static TimeSpan IncidentTimeLimit(int severity) => severity switch
    {
        1 => TimeSpan.FromHours(2),
        2 => TimeSpan.FromHours(8),
        3 => TimeSpan.FromHours(24),
        _ => TimeSpan.FromHours(72),
    };
}
