using System.Text.Json;
using System.Text.RegularExpressions;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Core.Simulation;
using CommandCenter.Core.Simulation.History;

namespace CommandCenter.Core.Tests.Simulation.History;

public sealed class HistoryGeneratorTests
{
    private static readonly DateTimeOffset Monday = new(2026, 4, 13, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly HistoryGenerator Generator = new(DistrictModel.Gulou);

    [Fact]
    public void Generate_SameSeed_GivesTheSameEntries()
    {
        var first = Generator.Generate(Monday, Monday.AddDays(1), 42).ToList();
        var second = Generator.Generate(Monday, Monday.AddDays(1), 42).ToList();
        var other = Generator.Generate(Monday, Monday.AddDays(1), 43).ToList();

        Assert.True(first.Count > 5_000);
        Assert.Equal(first, second);
        Assert.NotEqual(first.Select(f => f[EnvelopeFields.Id]).Take(100), other.Select(f => f[EnvelopeFields.Id]).Take(100));
    }

    [Fact]
    public void Generate_ShorterSpan_IsAPrefixOfALongerOne()
    {
        var day = Generator.Generate(Monday, Monday.AddDays(1), 5).ToList();
        var twoDays = Generator.Generate(Monday, Monday.AddDays(2), 5).ToList();

        Assert.Equal(day, twoDays.Take(day.Count));
        Assert.True(twoDays.Count > day.Count * 1.5);
    }

    [Fact]
    public void Generate_StartWithMilliseconds_WritesNoTimeBeforeIt()
    {
        var start = Monday.AddHours(10).AddTicks(1_234_567);

        var entries = Generator.Generate(start, start.AddHours(1), 1).ToList();

        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.InRange(DateTimeOffset.Parse(e[EnvelopeFields.OccurredAt]), start, start.AddHours(1)));
    }

    [Fact]
    public void Generate_ATenYearSpan_IsLazy()
    {
        // Nothing is generated before it is asked for: the first entries of ten years come at once.
        var first = Generator.Generate(Monday, Monday.AddYears(10), 3).Take(10).ToList();

        Assert.Equal(10, first.Count);
    }

    [Fact]
    public void Generate_SameSeedAsTheLiveSimulator_NamesNothingTheSimulatorNames()
    {
        // With Simulator:Seed set, the backfill and the live simulator share a seed: they must not draw the same ids.
        var uuid = new Regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        static IEnumerable<string> Texts(IEnumerable<Dictionary<string, string>> entries) =>
            entries.SelectMany(e => new[] { e[EnvelopeFields.Id], e[EnvelopeFields.Data] });
        var history = Texts(Generator.Generate(Monday.AddHours(8), Monday.AddHours(14), 9)).SelectMany(t => uuid.Matches(t).Select(m => m.Value)).ToHashSet();
        var live = Texts(new DistrictSimulator(DistrictModel.Gulou, 9).Next(Monday.AddHours(14), 3_000)).SelectMany(t => uuid.Matches(t).Select(m => m.Value));

        Assert.True(history.Count > 1_000);
        Assert.DoesNotContain(live, history.Contains);
    }

    [Fact]
    public void Generate_EndNotAfterStart_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Generator.Generate(Monday, Monday, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Generator.LastDays(0, Monday, 1));
    }

    [Fact]
    public void Generate_EightWeeks_WhistlesHaveLateAbsentAndEscalatedDepartmentsAtTheStatedShares()
    {
        // Whistles are few (about 20 a week), so their shares are counted over eight weeks of entries.
        var summoned = 0;
        var whistles = 0;
        var reported = new HashSet<(string, string)>();
        var late = new HashSet<(string, string)>();
        var escalated = new HashSet<string>();
        foreach (var entry in Generator.Generate(Monday, Monday.AddDays(56), 8))
        {
            var type = entry[EnvelopeFields.Type];
            if (!type.StartsWith("whistle.", StringComparison.Ordinal) && type != EventTypes.DeadlineMissed)
                continue;
            using var data = JsonDocument.Parse(entry[EnvelopeFields.Data]);
            var root = data.RootElement;
            switch (type)
            {
                case EventTypes.WhistleBlown:
                    whistles++;
                    summoned += root.GetProperty("departments").GetArrayLength();
                    break;
                case EventTypes.WhistleDepartmentReported:
                    reported.Add((root.GetProperty("whistleId").GetString()!, root.GetProperty("department").GetString()!));
                    break;
                case EventTypes.WhistleEscalated:
                    escalated.Add(root.GetProperty("whistleId").GetString()!);
                    break;
                case EventTypes.DeadlineMissed when root.GetProperty("kind").GetString() == "whistle-report":
                    late.Add((root.GetProperty("entityId").GetString()!, root.GetProperty("department").GetString()!));
                    break;
            }
        }

        Assert.InRange(whistles, 110, 210);
        Assert.InRange((double)late.Count / summoned, 0.05, 0.20);
        Assert.InRange(1 - (double)reported.Count / summoned, 0.005, 0.06);
        Assert.InRange((double)escalated.Count / whistles, 0.10, 0.50);
    }

    /// <summary>
    /// Two months replay with nothing refused, and the leader's daily housekeeping keeps the state hot: open work and the
    /// last days' closings only, not everything the months held (docs/decisions/0010).
    /// </summary>
    [Fact]
    public void Generate_TwoMonths_AppliesEverythingAndTheHousekeepingKeepsTheStateBounded()
    {
        var end = new DateTimeOffset(2026, 6, 30, 10, 0, 0, TimeSpan.FromHours(8));
        var run = new SimulatorRun();
        var tickets = 0;
        foreach (var entry in new HistoryGenerator(DistrictModel.Gulou).LastDays(60, end, seed: 9))
        {
            if (entry[EnvelopeFields.Type] == EventTypes.TicketReceived) tickets++;
            run.Apply([entry]);
        }

        Assert.Empty(run.Problems.Take(10));
        Assert.InRange(run.State.Tickets.Count, 1, tickets / 4); // about 10 of the 60 days' tickets stay hot
        Assert.All(run.State.Tickets.Values.Where(t => !t.IsOpen), t => Assert.True(t.ClosedAt >= end.AddDays(-9), $"{t.Id} closed {t.ClosedAt:O}"));
        Assert.InRange(run.State.Rollups.Days.Count, 30, 36);
    }
}
