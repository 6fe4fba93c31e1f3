namespace CommandCenter.Core.Simulation.History;

/// <summary>
/// The district's calendar in China time (UTC+08:00, no daylight saving): the seasons of the year, weekends, working
/// days and office hours. Pure: every answer follows from the time passed in.
/// </summary>
public static class HistoryCalendar
{
    public static readonly TimeSpan ChinaOffset = Time.DistrictClock.Offset;

    // Relative volume in the middle of each month, January first. Hotline volumes peak in the summer (heat, noise,
    // water, building work) and drop over the Spring Festival: Haizhou district (Lianyungang) handled 8,500 tickets in
    // February 2022, 16,013 in August 2022 and 8,252 in January 2023 (docs/simulation.md). The curve is gentler than
    // that month-to-month ratio, which also holds one-off campaigns; it is normalized to a mean of 1.
    private static readonly double[] MonthRaw = [0.85, 0.80, 0.95, 1.00, 1.00, 1.05, 1.20, 1.25, 1.05, 0.95, 0.95, 0.90];
    private static readonly double[] Month = [.. MonthRaw.Select(v => v / MonthRaw.Average())];

    /// <summary>
    /// The season's multiplier for <paramref name="time"/>: the month curve interpolated linearly between the middles
    /// of the months, so volumes drift from day to day instead of jumping on the first of a month. Averages 1 over a year.
    /// </summary>
    public static double Season(DateTimeOffset time)
    {
        var local = time.ToOffset(ChinaOffset);
        // Months measured from the middle of January: 0 is 16 January, 1 the middle of February, …
        var position = local.Month - 1 + (local.Day - 1 + local.TimeOfDay.TotalDays) / DateTime.DaysInMonth(local.Year, local.Month) - 0.5;
        var index = (int)Math.Floor(position);
        var fraction = position - index;
        var from = Month[(index + 12) % 12];
        var to = Month[(index + 13) % 12];
        return from + (to - from) * fraction;
    }

    /// <summary>Saturday or Sunday in China.</summary>
    public static bool IsWeekend(DateTimeOffset time) =>
        time.ToOffset(ChinaOffset).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>
    /// <paramref name="days"/> working days after <paramref name="from"/>, at the same clock time, skipping weekends
    /// (how the hotline counts its time limits; public holidays are not modelled).
    /// </summary>
    public static DateTimeOffset AddWorkingDays(DateTimeOffset from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var time = from;
        while (days > 0)
        {
            time = time.AddDays(1);
            if (!IsWeekend(time))
                days--;
        }
        return time;
    }

    /// <summary>
    /// <paramref name="time"/> when it falls within office hours (<paramref name="openHour"/> to <paramref name="closeHour"/>,
    /// China time, any day), else the next opening plus <paramref name="afterOpening"/>: work done by people in offices
    /// happens in the daytime, however long it took.
    /// </summary>
    public static DateTimeOffset InOfficeHours(DateTimeOffset time, double openHour, double closeHour, TimeSpan afterOpening)
    {
        var local = time.ToOffset(ChinaOffset);
        var hour = local.TimeOfDay.TotalHours;
        if (hour >= openHour && hour < closeHour)
            return time;
        var day = new DateTimeOffset(local.Date, ChinaOffset);
        var opening = (hour < openHour ? day : day.AddDays(1)).AddHours(openHour);
        return (opening + afterOpening).ToOffset(time.Offset);
    }
}
