using CommandCenter.Core.Reference;
using CommandCenter.Core.Simulation;

namespace CommandCenter.Core.Tests.Simulation;

/// <summary>
/// One simulated day, Beijing midnight to midnight: about 20,000 events paced by the day rhythm in
/// 10-second steps and applied by the reducer. Shared by the tests that look at it from different sides.
/// </summary>
public sealed class SimulatedDayFixture
{
    public const double EventsPerSecond = 20_000.0 / 86_400;
    public static readonly DateTimeOffset Midnight = new(2025, 6, 2, 0, 0, 0, TimeSpan.FromHours(8));

    internal SimulatorRun Run { get; } = new();
    public int[] EventsByHour { get; } = new int[24];
    public int MaxActiveItems { get; private set; }

    public SimulatedDayFixture()
    {
        var simulator = new DistrictSimulator(DistrictModel.Gulou, seed: 20250602);
        var pacer = new SimulationPacer(EventsPerSecond, TimeSpan.FromSeconds(10));
        pacer.Due(Midnight);
        for (var now = Midnight.AddSeconds(10); now <= Midnight.AddDays(1); now = now.AddSeconds(10))
        {
            var due = pacer.Due(now);
            var events = simulator.Next(now, due);
            EventsByHour[now.AddSeconds(-1).Hour] += events.Count;
            Run.Apply(events);
            MaxActiveItems = Math.Max(MaxActiveItems, simulator.ActiveItemCount);
        }
    }
}
