using System.Globalization;
using CommandCenter.Core.Time;

namespace CommandCenter.Web.Wall.Replay;

public static class ReplayTime
{
    /// <summary>The years a replay may name: any history lies between; outside them the clock arithmetic overflows.</summary>
    private const int MinYear = 2000, MaxYear = 2999;

    /// <summary>
    /// The <c>at</c> of <c>/wall?at=…</c>: ISO 8601, a date alone or a date and time; without an offset or <c>Z</c> it
    /// is the district's local time. Null for text that is no time, and for a year outside 2000–2999 (never an exception:
    /// it is a query string anyone can type). A time after now is the caller's to clamp.
    /// </summary>
    public static DateTimeOffset? Parse(string? at)
    {
        if (string.IsNullOrWhiteSpace(at)) return null;
        // RoundtripKind leaves the kind Unspecified exactly when the text names no offset: the district's local time.
        const DateTimeStyles styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind;
        if (!DateTime.TryParse(at, CultureInfo.InvariantCulture, styles, out var parsed) || parsed.Year is < MinYear or > MaxYear)
            return null;
        if (parsed.Kind == DateTimeKind.Unspecified) return DistrictClock.FromLocal(parsed);
        return DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var time) ? time : null;
    }

    public static string Format(DateTimeOffset time) => DistrictClock.ToLocal(time).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
