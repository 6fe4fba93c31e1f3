using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;

namespace CommandCenter.Core.Simulation;

public sealed partial class DistrictSimulator
{
    /// <summary>Sends a ready team of the street, often to one of its open incidents; null when no team is ready.</summary>
    private Dictionary<string, string>? StartDispatch(DateTimeOffset now, Street street)
    {
        var ready = _teamsByStreet[street.Code].Where(t => t.Ready).ToList();
        if (ready.Count == 0)
            return null;

        var incidents = _openIncidents[street.Code];
        var incident = incidents.Count > 0 && Chance(0.7) ? Pick(incidents) : null;
        var fitting = incident?.TeamKind is { } kind ? ready.Where(t => t.Team.Kind == kind).ToList() : [];
        var team = fitting.Count > 0 ? Pick(fitting) : Pick(ready);
        team.Busy = true;

        var id = NewId();
        var created = new DispatchCreated(id, team.Team.Id, incident?.Id,
            incident is null ? Pick(SimulationCatalog.PatrolNotes) : $"处置：{incident.Title}");
        var outcomes = SimulationCatalog.DispatchOutcomes.GetValueOrDefault(team.Team.Kind) ?? SimulationCatalog.DispatchOutcomes["chengguan-squad"];

        var steps = new List<(TimeSpan After, IEventPayload Payload)>();
        if (Chance(0.85))
            steps.Add((Delay(5, 30), new DispatchAcknowledged(id)));
        steps.Add((Delay(10, 60), new DispatchEnRoute(id)));
        steps.Add((Delay(60, 240), new DispatchOnScene(id)));
        steps.Add((Delay(60, 300), new DispatchCompleted(id, Pick(outcomes))));
        if (Chance(0.08))
        {
            // Called off before it ends: keep the steps up to some point, then cancel.
            var kept = _random.Next(0, steps.Count);
            steps.RemoveRange(kept, steps.Count - kept);
            steps.Add((Delay(10, 120), new DispatchCancelled(id, Pick(SimulationCatalog.CancelReasons))));
        }

        var item = new Item(street.Code);
        for (var i = 0; i < steps.Count; i++)
            item.Then(steps[i].After, steps[i].Payload, i == steps.Count - 1 ? () => team.Busy = false : null);
        return Begin(item, created, now);
    }

    /// <summary>Stands a ready team down for a while (shift change, training); null when the street cannot spare one.</summary>
    private Dictionary<string, string>? StartOffDuty(DateTimeOffset now, Street street)
    {
        var ready = _teamsByStreet[street.Code].Where(t => t.Ready).ToList();
        if (ready.Count < 3 || _teams.Values.Count(t => t.OffDuty) >= 8)
            return null;

        var team = Pick(ready);
        team.OffDuty = true;
        var item = new Item(street.Code)
            .Then(Delay(300, 1800), new TeamStatusChanged(team.Team.Id, TeamStatus.Available, "恢复执勤"), () => team.OffDuty = false);
        return Begin(item, new TeamStatusChanged(team.Team.Id, TeamStatus.OffDuty, Pick(SimulationCatalog.OffDutyNotes)), now);
    }
}
