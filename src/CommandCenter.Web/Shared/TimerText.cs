using System.Globalization;

namespace CommandCenter.Web.Shared;

/// <summary>How every console writes a running timer or a countdown: <c>m:ss</c> under an hour, <c>h:mm:ss</c> under a
/// day, then days and hours (<c>2d 3h</c>); a negative span reads as zero.</summary>
public static class TimerText
{
    public static string Of(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        return span.TotalDays >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d {span.Hours}h")
            : span.TotalHours >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}")
                : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}:{span.Seconds:00}");
    }

    /// <summary>The time since <paramref name="since"/>: a stage timer.</summary>
    public static string Since(DateTimeOffset since, DateTimeOffset now) => Of(now - since);
}
