using System.Globalization;
using System.Text.RegularExpressions;
using CommandCenter.Core.Simulation.History;

namespace CommandCenter.Cli.Simulate;

/// <param name="Days">How many days of history, ending at <paramref name="End"/>.</param>
/// <param name="BatchSize">Entries per append to the log.</param>
internal sealed record SimulateSettings(int Days, DateTimeOffset End, int Seed, int BatchSize)
{
    /// <summary>Ten years: far past anything a test or a demo needs, still bounded.</summary>
    public const int MaxDays = 3_660;

    public DateTimeOffset Start => End.AddDays(-Days);

    /// <summary>The years --end may name: beyond them a history's dates cannot be computed (DateTimeOffset's range).</summary>
    public const int MinEndYear = 2000, MaxEndYear = 2999;

    public string? Problem() =>
        Days is < 1 or > MaxDays ? $"--days must be 1 to {MaxDays}"
        : BatchSize is < 1 or > 50_000 ? "--batch must be 1 to 50000"
        : End.Year is < MinEndYear or > MaxEndYear ? $"--end must fall in the years {MinEndYear} to {MaxEndYear}"
        : null;

    /// <summary>
    /// An ISO 8601 time; without an offset it is the district's clock (China time, +08:00), as the wall shows it.
    /// Null when it is not one.
    /// </summary>
    public static DateTimeOffset? ParseEnd(string text)
    {
        var hasOffset = Regex.IsMatch(text, @"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.None, TimeSpan.FromSeconds(1));
        if (hasOffset)
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) ? withOffset : null;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return null;
        // The first hours of year 1 in China time fall before DateTimeOffset's range: hand over a time Problem() refuses.
        return local < DateTime.MinValue + HistoryCalendar.ChinaOffset
            ? DateTimeOffset.MinValue
            : new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), HistoryCalendar.ChinaOffset);
    }
}
