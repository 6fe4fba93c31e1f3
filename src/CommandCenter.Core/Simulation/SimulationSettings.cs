namespace CommandCenter.Core.Simulation;

/// <summary>
/// How the district simulator paces and bounds itself.
/// </summary>
/// <param name="StepDelayScale">
/// Multiplies every delay between two steps of an item (and the whistle report-in window). At 1 an incident
/// closes within minutes, so a live wall visibly moves; larger values give a calmer, more lifelike tempo.
/// </param>
/// <param name="MaxActiveItems">
/// The most items (incidents, tickets, whistles, dispatches, off-duty spells) the simulator follows at once.
/// At the cap it moves the earliest item on ahead of time instead of starting new ones, so memory stays flat
/// at any event rate.
/// </param>
public sealed record SimulationSettings(double StepDelayScale = 1.0, int MaxActiveItems = 5_000)
{
    public static readonly SimulationSettings Default = new();
}
