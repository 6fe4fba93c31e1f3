using CommandCenter.Core.Events;

namespace CommandCenter.Core.Simulation.History;

internal sealed partial class HistoryRun
{
    /// <summary>A team sent on a round of its own (patrol, enforcement round), not for a reported incident.</summary>
    private void StartPatrol(DateTimeOffset at)
    {
        var street = PickStreet();
        SendTeam(street.Code, at, kind: null, incidentId: null, Pick(SimulationCatalog.PatrolNotes));
    }

    /// <summary>
    /// Sends a free team of the street (of <paramref name="kind"/> when one is free, else any) at <paramref name="at"/>
    /// through its stages: acknowledged (mostly), en route, on scene, completed, or called off on the way. Books the team
    /// for the whole dispatch. Returns when the team is free again, or null when no team of the street was free.
    /// </summary>
    private DateTimeOffset? SendTeam(string street, DateTimeOffset at, string? kind, Guid? incidentId, string note)
    {
        var created = ItemTimeline.WholeSecond(at);
        var stages = new List<(TimeSpan After, Stage Stage)>();
        if (Chance(0.85))
            stages.Add((Minutes(1, 5), Stage.Acknowledged));
        stages.Add((Minutes(2, 10), Stage.EnRoute));
        stages.Add((Minutes(5, 25), Stage.OnScene));
        stages.Add((Minutes(15, 90), Stage.Completed));
        if (Chance(Shares.DispatchesCancelled))
        {
            // Called off before the end: keep the stages up to some point, then cancel.
            var kept = _random.Next(0, stages.Count);
            stages.RemoveRange(kept, stages.Count - kept);
            stages.Add((Minutes(2, 15), Stage.Cancelled));
        }
        // An upper bound of the last step's time: each step is cut to the second and comes at least a second later.
        var end = created;
        foreach (var (after, _) in stages)
            end = end + after + TimeSpan.FromSeconds(1);

        var team = (kind is null ? null : _roster.FindFree(street, kind, created, end, _random))
            ?? _roster.FindFree(street, null, created, end, _random);
        if (team is null)
            return null;
        _roster.Book(team, created, end);

        var id = NewId();
        var outcomes = SimulationCatalog.DispatchOutcomes.GetValueOrDefault(team.Kind) ?? SimulationCatalog.DispatchOutcomes["chengguan-squad"];
        var dispatch = new ItemTimeline(street);
        var time = dispatch.Add(created, new DispatchCreated(id, team.Id, incidentId, note), Source);
        foreach (var (after, stage) in stages)
        {
            time = dispatch.Add(time + after, stage switch
            {
                Stage.Acknowledged => new DispatchAcknowledged(id),
                Stage.EnRoute => new DispatchEnRoute(id),
                Stage.OnScene => new DispatchOnScene(id),
                Stage.Completed => new DispatchCompleted(id, Pick(outcomes)),
                _ => new DispatchCancelled(id, Pick(SimulationCatalog.CancelReasons)),
            }, Source);
        }
        Commit(dispatch);
        return time;
    }

    private enum Stage { Acknowledged, EnRoute, OnScene, Completed, Cancelled }

    /// <summary>A free team of the street stands down for a while (handover, training, rest) and comes back.</summary>
    private void StartOffDuty(DateTimeOffset at)
    {
        var street = PickStreet();
        var from = ItemTimeline.WholeSecond(at);
        var to = ItemTimeline.WholeSecond(from + Minutes(30, 120));
        var team = _roster.FindFree(street.Code, null, from, to, _random);
        if (team is null)
            return;
        _roster.Book(team, from, to);
        var spell = new ItemTimeline(street.Code);
        spell.Add(from, new TeamStatusChanged(team.Id, TeamStatus.OffDuty, Pick(SimulationCatalog.OffDutyNotes)), Source);
        spell.Add(to, new TeamStatusChanged(team.Id, TeamStatus.Available, "恢复执勤"), Source);
        Commit(spell);
    }
}
