using System.Globalization;
using CommandCenter.Core.Time;

namespace CommandCenter.Web.Wall.Replay;

public static class ReplayTime
{
    /// <summary>The <c>at</c> of <c>/wall?at=…</c>: ISO 8601; without an offset it is the district's local time.</summary>
    public static DateTimeOffset? Parse(string? at)
    {
        if (string.IsNullOrWhiteSpace(at)) return null;
        if (!DateTime.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed)) return null;
        var hasOffset = at.EndsWith('Z') || at.LastIndexOfAny(['+', '-']) > at.IndexOf('T');
        return hasOffset
            ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces)
            : DistrictClock.FromLocal(parsed);
    }

    public static string Format(DateTimeOffset time) => DistrictClock.ToLocal(time).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
