using CommandCenter.Core.Time;

namespace CommandCenter.Core.Simulation;

/// <summary>
/// How busy the district is by the hour of its own clock (<see cref="DistrictClock"/>): quiet at night, peaks in the morning
/// and the afternoon. The multipliers average 1 over a day, so a configured rate is the daily mean.
/// </summary>
public static class DayRhythm
{
    // Relative activity at the start of each hour 00..23; linearly interpolated between hours.
    private static readonly double[] Raw =
    [
        0.25, 0.15, 0.10, 0.10, 0.10, 0.15, 0.35, 0.70, 1.30, 1.70, 1.80, 1.60,
        1.00, 1.10, 1.60, 1.70, 1.60, 1.40, 1.10, 0.90, 0.80, 0.60, 0.45, 0.35,
    ];

    private static readonly double[] Hourly = Normalize(Raw);

    /// <summary>The rate multiplier at <paramref name="time"/>.</summary>
    public static double Multiplier(DateTimeOffset time)
    {
        var local = DistrictClock.ToLocal(time);
        var hours = local.TimeOfDay.TotalHours;
        var hour = (int)hours % 24;
        var fraction = hours - Math.Floor(hours);
        return Hourly[hour] + (Hourly[(hour + 1) % 24] - Hourly[hour]) * fraction;
    }

    private static double[] Normalize(double[] raw)
    {
        // The mean of the interpolated curve over a day equals the mean of the hourly points.
        var mean = raw.Average();
        return [.. raw.Select(value => value / mean)];
    }
}
