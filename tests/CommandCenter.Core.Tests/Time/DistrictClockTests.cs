using CommandCenter.Core.Time;

namespace CommandCenter.Core.Tests.Time;

public sealed class DistrictClockTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public void StartOfDay_UtcEveningBeforeChinaMidnightPasses_IsTheNextChinaDay()
    {
        // 16:30 UTC on the 26th is 00:30 on the 27th in Nanjing.
        var start = DistrictClock.StartOfDay(new DateTimeOffset(2026, 11, 26, 16, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 0, 0, 0, China), start);
        Assert.Equal(China, start.Offset);
    }

    [Fact]
    public void StartOfDay_LateEveningUtcMinusFive_IsTheNextChinaDay()
    {
        var start = DistrictClock.StartOfDay(new DateTimeOffset(2026, 11, 26, 20, 0, 0, TimeSpan.FromHours(-5)));

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 0, 0, 0, China), start);
    }

    [Fact]
    public void ToLocal_AnyInstant_IsTheSameInstantAtPlusEight()
    {
        var utc = new DateTimeOffset(2026, 7, 1, 23, 59, 59, TimeSpan.Zero);

        var local = DistrictClock.ToLocal(utc);

        Assert.Equal(utc, local);
        Assert.Equal(China, local.Offset);
        Assert.Equal(new DateTime(2026, 7, 2, 7, 59, 59), local.DateTime);
    }

    [Fact]
    public void FromLocal_WallClockTime_IsThatTimeInNanjing()
    {
        var instant = DistrictClock.FromLocal(new DateTime(2026, 11, 27, 9, 30, 0));

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 1, 30, 0, TimeSpan.Zero), instant);
        Assert.Equal(China, instant.Offset);
    }
}
