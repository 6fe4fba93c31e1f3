using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Core.Simulation.History;

namespace CommandCenter.Core.Tests.Simulation.History;

/// <summary>
/// One generated week of Gulou, Monday 13 April 2026 10:00 to Monday 20 April 10:00 (China time, a month of average
/// volume), with the entries kept and applied by the reducer. Shared by the tests that look at it from different sides.
/// </summary>
public sealed class GeneratedWeekFixture
{
    public const int Seed = 20260420;
    public static readonly DateTimeOffset End = new(2026, 4, 20, 10, 0, 0, TimeSpan.FromHours(8));
    public static readonly DateTimeOffset Start = End.AddDays(-7);

    public List<Dictionary<string, string>> Entries { get; }
    internal SimulatorRun Run { get; } = new();

    public GeneratedWeekFixture()
    {
        Entries = [.. new HistoryGenerator(DistrictModel.Gulou).Generate(Start, End, Seed)];
        Run.Apply(Entries);
    }

    /// <summary>The entries of <paramref name="type"/> per China-time calendar day.</summary>
    public Dictionary<DateOnly, int> PerDay(string type) => Entries
        .Where(e => e[EnvelopeFields.Type] == type)
        .GroupBy(e => DateOnly.FromDateTime(DateTimeOffset.Parse(e[EnvelopeFields.OccurredAt]).ToOffset(TimeSpan.FromHours(8)).DateTime))
        .ToDictionary(g => g.Key, g => g.Count());
}
