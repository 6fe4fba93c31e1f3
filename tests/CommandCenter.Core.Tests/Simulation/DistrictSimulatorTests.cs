using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Core.Simulation;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Tests.Simulation;

public sealed class DistrictSimulatorTests
{
    private static readonly DateTimeOffset Morning = new(2025, 6, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static List<Dictionary<string, string>> Drive(DistrictSimulator simulator, DateTimeOffset from, int steps, int perStep, TimeSpan step)
    {
        var all = new List<Dictionary<string, string>>();
        for (var i = 1; i <= steps; i++)
            all.AddRange(simulator.Next(from + step * i, perStep));
        return all;
    }

    [Fact]
    public void Next_SameSeed_GivesTheSameEvents()
    {
        var first = Drive(new DistrictSimulator(DistrictModel.Gulou, 42), Morning, 300, 7, TimeSpan.FromSeconds(3));
        var second = Drive(new DistrictSimulator(DistrictModel.Gulou, 42), Morning, 300, 7, TimeSpan.FromSeconds(3));
        var other = Drive(new DistrictSimulator(DistrictModel.Gulou, 43), Morning, 300, 7, TimeSpan.FromSeconds(3));

        Assert.Equal(2_100, first.Count);
        Assert.Equal(first, second);
        Assert.NotEqual(first.Select(f => f[EnvelopeFields.Id]), other.Select(f => f[EnvelopeFields.Id]));
    }

    [Fact]
    public void Next_ZeroCount_EmitsNothing()
    {
        var simulator = new DistrictSimulator(DistrictModel.Gulou, 1);

        Assert.Empty(simulator.Next(Morning, 0));
        Assert.Equal(0, simulator.ActiveItemCount);
    }

    [Fact]
    public void Next_LongRunAtAHighRate_StaysUnderTheActiveItemCapAndValid()
    {
        var simulator = new DistrictSimulator(DistrictModel.Gulou, 7, new SimulationSettings(MaxActiveItems: 400));
        var run = new SimulatorRun();
        var maxActive = 0;
        for (var second = 1; second <= 100; second++)
        {
            run.Apply(simulator.Next(Morning.AddSeconds(second), 1_000));
            maxActive = Math.Max(maxActive, simulator.ActiveItemCount);
        }

        Assert.Empty(run.Problems.Take(20));
        Assert.Equal(100_000, run.Applied.Count);
        Assert.InRange(maxActive, 300, 400);
    }

    [Fact]
    public void Next_AfterWorkIsDone_ForgetsFinishedItems()
    {
        var simulator = new DistrictSimulator(DistrictModel.Gulou, 11);
        Drive(simulator, Morning, 600, 5, TimeSpan.FromSeconds(1));
        var busy = simulator.ActiveItemCount;

        // A quiet stretch: one event every ten seconds for a day lets everything started earlier run out.
        Drive(simulator, Morning.AddMinutes(10), 24 * 360, 1, TimeSpan.FromSeconds(10));

        Assert.True(busy > 100, $"{busy} items in flight after ten busy minutes");
        Assert.True(simulator.ActiveItemCount < busy / 4, $"{simulator.ActiveItemCount} still active of {busy}");
    }

    [Fact]
    public void Next_StepsOfAnItem_AreSpacedInTime()
    {
        var simulator = new DistrictSimulator(DistrictModel.Gulou, 5);
        var run = new SimulatorRun();
        for (var second = 1; second <= 1_800; second++)
            run.Apply(simulator.Next(Morning.AddSeconds(second), 2));

        var closed = run.State.Incidents.Values.Where(i => i.Status == IncidentStatus.Closed).ToList();
        Assert.NotEmpty(closed);
        // Accept, assign, resolve, verify, close each wait at least ten seconds: nothing closes in under a minute.
        Assert.All(closed, i => Assert.True(i.ClosedAt - i.ReportedAt > TimeSpan.FromMinutes(1)));
        Assert.Contains(closed, i => i.ClosedAt - i.ReportedAt < TimeSpan.FromMinutes(20));
    }

    [Fact]
    public void Resume_AfterARestart_ContinuesOpenWorkWithoutDoubleBookingTeams()
    {
        var before = new DistrictSimulator(DistrictModel.Gulou, 1);
        var run = new SimulatorRun();
        for (var second = 1; second <= 600; second++)
            run.Apply(before.Next(Morning.AddSeconds(second), 5));
        Assert.Contains(run.State.Teams.Values, t => t.ActiveDispatchId is not null);
        var openBefore = run.State.Incidents.Values.Where(i => i.IsOpen).Select(i => i.Id).ToList();

        var restarted = new DistrictSimulator(DistrictModel.Gulou, 2);
        var restartAt = Morning.AddMinutes(15);
        restarted.Resume(run.State, restartAt);
        for (var second = 1; second <= 4 * 3600; second += 5)
            run.Apply(restarted.Next(restartAt.AddSeconds(second), 5));

        Assert.Empty(run.Problems.Take(20));
        Assert.All(openBefore, id => Assert.Equal(IncidentStatus.Closed, run.State.Incidents[id].Status));
    }

    [Fact]
    public void Constructor_CapBelowOne_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistrictSimulator(DistrictModel.Gulou, 1, new SimulationSettings(MaxActiveItems: 0)));
    }
}
