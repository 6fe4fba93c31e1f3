using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;

namespace CommandCenter.Core.Simulation.History;

internal sealed partial class HistoryRun
{
    private enum Arrival { OnTime, Late, Never }

    /// <summary>
    /// A whistle from the blow to the street's rating of each department. Most summoned departments report in before
    /// the deadline; a late one is marked by the deadline watcher when the deadline passes, and the watcher escalates the
    /// whistle one level with a new deadline (work-advance → tough-problem → district), as it does live; the street
    /// gives feedback once the departments that come have reported in, verifies, closes and rates them.
    /// </summary>
    private void StartWhistle(DateTimeOffset at)
    {
        var street = PickStreet();
        var topic = Pick(SimulationCatalog.Whistles);
        var blownLevel = Chance(0.2) ? WhistleLevel.ToughProblem : WhistleLevel.WorkAdvance;
        var level = blownLevel;
        var departments = topic.Departments.OrderBy(_ => _random.Next()).Take(_random.Next(1, Math.Min(4, topic.Departments.Length) + 1)).ToArray();
        var id = NewId();
        var blowAt = ItemTimeline.WholeSecond(at);
        var due = blowAt + _settings.ReportIn.For(level);
        var leadership = blownLevel == WhistleLevel.ToughProblem || Chance(0.3) ? Director(street) : Leader(street);

        var arrivals = departments.Select(_ => _random.NextDouble() switch
        {
            var r when r < Shares.ReportInNever => Arrival.Never,
            var r when r < Shares.ReportInNever + Shares.ReportInLate => Arrival.Late,
            _ => Arrival.OnTime,
        }).ToArray();
        if (arrivals.All(a => a == Arrival.Never))
            arrivals[0] = Arrival.OnTime; // feedback needs at least one department in
        var window = due - blowAt;
        var reportAt = arrivals.Select(a => a switch
        {
            Arrival.OnTime => blowAt + window * Between(0.1, 0.95),
            Arrival.Late => due + (Chance(0.75) ? Minutes(10, 50) : Minutes(60, 240)),
            _ => (DateTimeOffset?)null,
        }).Select(t => t is { } time ? ItemTimeline.WholeSecond(time) : (DateTimeOffset?)null).ToArray();
        var lastReport = reportAt.Max()!.Value;
        var resolveAt = InOffice(lastReport + Hours(1, 48));

        // The steps up to the feedback, in time order: report-ins, and at each deadline passed with departments still
        // waiting, the watcher's misses and its escalation.
        var steps = new List<(DateTimeOffset At, int Order, IEventPayload Payload, string Source, Actor? Actor)>();
        for (var i = 0; i < departments.Length; i++)
        {
            if (reportAt[i] is { } reported)
                steps.Add((reported, 0, new WhistleDepartmentReported(id, departments[i], Pick(SimulationCatalog.ReportNotes)), Source, Liaison(departments[i])));
        }
        while (due < resolveAt)
        {
            var missAt = due + WatchDelay();
            var waiting = departments.Where((_, i) => reportAt[i] is not { } reported || reported > due).ToList();
            if (waiting.Count == 0 || missAt >= resolveAt)
                break;
            foreach (var department in waiting)
                steps.Add((missAt, 1, new DeadlineMissed(DeadlineKind.WhistleReport, id, China(due), department), ItemTimeline.DeadlineWatcherSource, null));
            if (level == WhistleLevel.District)
                break; // the top level: recorded, escalated no further
            var reason = $"report-in deadline {China(due):O} missed by {string.Join(", ", waiting)}";
            level++;
            due = missAt + _settings.ReportIn.For(level);
            steps.Add((missAt, 2, new WhistleEscalated(id, level, reason, China(due)), ItemTimeline.DeadlineWatcherSource, null));
        }
        steps.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Order.CompareTo(b.Order));

        var whistle = new ItemTimeline(street.Code);
        whistle.Add(blowAt, new WhistleBlown(id, blownLevel, $"{street.Name}{topic.Title}", departments,
            China(blowAt + _settings.ReportIn.For(blownLevel)), topic.Description,
            SourceRef: $"GL-{street.Code}-{China(blowAt):yyyyMMdd}-{_random.Next(1000):D3}"), Source, leadership);
        foreach (var step in steps)
            whistle.Add(step.At, step.Payload, step.Source, step.Actor);

        var resolved = whistle.Add(resolveAt, new WhistleResolved(id, Pick(SimulationCatalog.WhistleFeedbacks)), Source, leadership);
        var closeAt = InOffice(resolved + Hours(2, 48));
        if (level < WhistleLevel.District && Chance(Shares.WhistlesEscalatedByStreet))
        {
            // Solved on the ground but needing the district to settle it for good: the director takes it up a level.
            var escalated = whistle.Add(InOffice(resolved + Hours(1, 24)),
                new WhistleEscalated(id, level + 1, Pick(SimulationCatalog.EscalationReasons)), Source, Director(street));
            closeAt = Latest(closeAt, InOffice(escalated + Hours(2, 24)));
        }
        var closed = whistle.Add(closeAt, new WhistleClosed(id, "街道核实，问题已解决，结项"), Source, leadership);
        whistle.Add(InOffice(closed + Hours(1, 72)),
            new WhistleEvaluated(id, [.. departments.Select((d, i) => new DepartmentRating(d, Score(arrivals[i])))]), Source, leadership);
        Commit(whistle);
    }

    /// <summary>The street rates departments 60–100: prompt ones high, late or absent ones lower (as the live simulator).</summary>
    private int Score(Arrival arrival) => arrival switch
    {
        Arrival.OnTime => _random.Next(80, 101),
        Arrival.Late => _random.Next(65, 91),
        _ => _random.Next(60, 76),
    };

    /// <summary>The street's party secretary or office director: blows tough-problem whistles and escalates.</summary>
    private static Actor Director(Street street) => new($"{street.Code}-director-01", ActorRoles.StreetDirector, street.Code);

    /// <summary>One of the street's leadership team: blows work-advance whistles.</summary>
    private Actor Leader(Street street) => new($"{street.Code}-leader-0{_random.Next(1, 4)}", ActorRoles.StreetLeader, street.Code);

    private static Actor Liaison(string department) => new($"{department}-liaison-01", ActorRoles.DepartmentLiaison, Department: department);
}
