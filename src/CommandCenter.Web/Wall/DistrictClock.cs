namespace CommandCenter.Web.Wall;

/// <summary>The district's local time: "today" and every time on the wall are Nanjing's (UTC+8, no daylight saving).</summary>
public static class DistrictClock
{
    public static readonly TimeZoneInfo Zone = Find();

    public static DateTimeOffset ToLocal(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Zone);

    /// <summary>Local midnight that starts the day containing <paramref name="now"/>.</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset now)
    {
        var local = ToLocal(now);
        return new DateTimeOffset(local.Date, local.Offset);
    }

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // Machines without tz data: China has kept UTC+8 all year since 1991.
            return TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "中国标准时间", "中国标准时间");
        }
    }
}
