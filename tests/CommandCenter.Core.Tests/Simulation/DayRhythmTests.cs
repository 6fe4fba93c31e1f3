using CommandCenter.Core.Simulation;

namespace CommandCenter.Core.Tests.Simulation;

public sealed class DayRhythmTests
{
    private static readonly DateTimeOffset Midnight = new(2025, 6, 2, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Multiplier_OverADay_AveragesOne()
    {
        var mean = Enumerable.Range(0, 1440).Average(minute => DayRhythm.Multiplier(Midnight.AddMinutes(minute)));

        Assert.InRange(mean, 0.99, 1.01);
    }

    [Fact]
    public void Multiplier_MorningPeakAndNight_DifferStrongly()
    {
        Assert.True(DayRhythm.Multiplier(Midnight.AddHours(10)) > 1.5);
        Assert.True(DayRhythm.Multiplier(Midnight.AddHours(3)) < 0.2);
        Assert.True(DayRhythm.Multiplier(Midnight.AddHours(15)) > DayRhythm.Multiplier(Midnight.AddHours(12.5)));
    }

    [Fact]
    public void Multiplier_SameInstantInAnyOffset_IsTheSame()
    {
        var beijing = Midnight.AddHours(10);

        Assert.Equal(DayRhythm.Multiplier(beijing), DayRhythm.Multiplier(beijing.ToUniversalTime()), 9);
    }

    [Fact]
    public void Due_SlowRate_CarriesFractionsOver()
    {
        var pacer = new SimulationPacer(0.5, TimeSpan.FromSeconds(2));
        var start = Midnight.AddHours(10);
        Assert.Equal(0, pacer.Due(start));

        var total = 0;
        for (var ms = 100; ms <= 600_000; ms += 100)
            total += pacer.Due(start.AddMilliseconds(ms));

        var expected = 600 * 0.5 * DayRhythm.Multiplier(start.AddMinutes(5));
        Assert.InRange(total, expected * 0.95, expected * 1.05);
    }

    [Fact]
    public void Due_AfterALongPause_CatchesUpOnlyTheCap()
    {
        var pacer = new SimulationPacer(100, TimeSpan.FromSeconds(2));
        var start = Midnight.AddHours(10);
        pacer.Due(start);

        var owed = pacer.Due(start.AddHours(1));

        Assert.InRange(owed, 1, (int)Math.Ceiling(2 * 100 * DayRhythm.Multiplier(start.AddHours(1))));
    }
}
