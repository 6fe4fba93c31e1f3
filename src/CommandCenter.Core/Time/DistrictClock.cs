namespace CommandCenter.Core.Time;

/// <summary>
/// The district's clock face. Nanjing keeps China Standard Time, UTC+08:00 all year (China has had no daylight saving
/// since 1991), so one fixed offset is exact for every date the system handles and needs no time-zone database on the
/// server. "Today" (KPIs, the whistle loop's daily stages), every time a screen shows, every time the app writes into an
/// event it appends, and the simulator's day rhythm are all in this offset.
/// </summary>
public static class DistrictClock
{
    /// <summary>China Standard Time: UTC+08:00.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The same instant as the district's wall clocks show it (offset +08:00).</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset time) => time.ToOffset(Offset);

    /// <summary>Local midnight (+08:00) that starts the district's day containing <paramref name="time"/>.</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset time) => new(ToLocal(time).Date, Offset);

    /// <summary>A wall-clock time in the district (e.g. from <c>?at=2026-11-27T09:30</c>) as an instant.</summary>
    public static DateTimeOffset FromLocal(DateTime local) => new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);
}
