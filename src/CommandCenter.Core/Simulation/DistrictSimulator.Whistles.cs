using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Core.Time;

namespace CommandCenter.Core.Simulation;

public sealed partial class DistrictSimulator
{
    private enum Arrival { OnTime, Late, Never }

    private static readonly TimeSpan EscalationMargin = TimeSpan.FromSeconds(10);

    private Dictionary<string, string> StartWhistle(DateTimeOffset now, Street street)
    {
        var topic = Pick(SimulationCatalog.Whistles);
        var level = Chance(0.2) ? WhistleLevel.ToughProblem : WhistleLevel.WorkAdvance;
        var departments = topic.Departments.OrderBy(_ => _random.Next()).Take(_random.Next(1, Math.Min(4, topic.Departments.Length) + 1)).ToArray();
        var id = NewId();
        // Short report-in windows, so a live run shows some departments visibly late.
        var window = Delay(120, 600);
        var blown = new WhistleBlown(id, level, $"{street.Name}{topic.Title}", departments, now + window,
            Description: topic.Description, SourceRef: $"SIM-{street.Code}-{DistrictClock.ToLocal(now):yyyyMMdd}-{_random.Next(1000):D3}");

        var arrivals = departments.Select(_ => _random.NextDouble() switch
        {
            < 0.65 => Arrival.OnTime,
            < 0.90 => Arrival.Late,
            _ => Arrival.Never,
        }).ToArray();
        if (arrivals.All(a => a == Arrival.Never))
            arrivals[0] = Arrival.OnTime;

        // Planned as offsets from the blow, then turned into delays between consecutive steps.
        var plan = new List<(TimeSpan At, IEventPayload Payload, DateTimeOffset? DropAfter)>();
        for (var i = 0; i < departments.Length; i++)
        {
            var at = arrivals[i] switch
            {
                Arrival.OnTime => window * Between(0.1, 0.9),
                Arrival.Late => window + Delay(30, 480),
                _ => (TimeSpan?)null,
            };
            if (at is { } reportAt)
                plan.Add((reportAt, new WhistleDepartmentReported(id, departments[i], Pick(SimulationCatalog.ReportNotes)), null));
        }
        var resolveAt = Max(window + Delay(60, 300), plan.Max(p => p.At) + Delay(30, 180));
        if (Chance(0.12))
        {
            // The director takes it up a level while departments are still awaited, before the report-in deadline: once
            // the deadline passes with departments waiting the deadline watcher escalates it itself, and a second
            // escalation to the same level would be refused. So it is dropped when the simulator comes to it too late
            // (a backlog of due steps), with a margin for the watcher's state to trail the log.
            var escalateAt = window * Between(0.3, 0.9);
            plan.Add((escalateAt, new WhistleEscalated(id, level + 1, Pick(SimulationCatalog.EscalationReasons)), now + window - EscalationMargin));
            resolveAt = Max(resolveAt, escalateAt + Delay(30, 120));
        }
        plan.Sort((a, b) => a.At.CompareTo(b.At));
        var closeAt = resolveAt + Delay(60, 300);
        plan.Add((resolveAt, new WhistleResolved(id, Pick(SimulationCatalog.WhistleFeedbacks)), null));
        plan.Add((closeAt, new WhistleClosed(id, "街道核实，问题已解决，结项"), null));
        plan.Add((closeAt + Delay(60, 300), new WhistleEvaluated(id, [.. departments.Select((d, i) => new DepartmentRating(d, Score(arrivals[i])))]), null));

        var item = new Item(street.Code);
        var previous = TimeSpan.Zero;
        foreach (var (at, payload, dropAfter) in plan)
        {
            item.Then(at - previous, payload, dropAfter: dropAfter);
            previous = at;
        }
        return Begin(item, blown, now);
    }

    /// <summary>The street rates departments 60–100: prompt ones high, late or absent ones lower.</summary>
    private int Score(Arrival arrival) => arrival switch
    {
        Arrival.OnTime => _random.Next(80, 101),
        Arrival.Late => _random.Next(65, 91),
        _ => _random.Next(60, 76),
    };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
