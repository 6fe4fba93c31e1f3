using System.Collections.Immutable;
using CommandCenter.Core.State;
using CommandCenter.Core.Time;

namespace CommandCenter.Core.Kpis;

/// <summary>One day of a trend: tickets received and closed.</summary>
public sealed record TrendDay(DateOnly Day, int Received, int Closed);

/// <summary>
/// The last <see cref="Days"/> days up to today: a point per day (oldest first), the totals and the rates over them.
/// <see cref="DaysCovered"/> is how many of those days the rollups hold at all: a newcomer's system, or one that has
/// run for a week, says its 30-day trend covers 8 days rather than pretend.
/// </summary>
/// <param name="OnTimeRate">Tickets closed by their due time ÷ tickets closed, 0–1; null while none closed.</param>
/// <param name="SatisfactionRate">Satisfied or basically satisfied ÷ rated, 0–1; null while none rated.</param>
public sealed record TrendWindow(int Days, int DaysCovered, ImmutableArray<TrendDay> Series, int Received, int Closed,
    double? OnTimeRate, double? SatisfactionRate)
{
    public bool IsPartial => DaysCovered < Days;
}

/// <summary>A hotline category today (热点诉求): its count so far, its daily mean over the previous 30 days, and how far
/// today runs above that mean for the part of the day gone (1.0 = as usual; null without a history to compare).</summary>
public sealed record HotCategory(string Category, int Today, double MeanPerDay, double? Rise);

/// <summary>What the walls show beside the day's KPIs: the week, the month and today's hot categories.</summary>
public sealed record Trends(TrendWindow Week, TrendWindow Month, ImmutableArray<HotCategory> TopToday, ImmutableArray<HotCategory> Rising);

/// <summary>
/// Computes trends from the daily rollups alone (docs/decisions/0010): at most 35 small buckets, whatever the history.
/// "Rising" compares today's count with the 30-day daily mean scaled to the share of the day gone (a linear scale: the
/// hotline's day rhythm is not applied), and lists categories at least <see cref="RisingMinimum"/> strong today.
/// </summary>
public static class TrendCalculator
{
    public const int Week = 7;
    public const int Month = 30;
    public const int Top = 5;
    public const int RisingMinimum = 3;

    /// <param name="street">A street's place in the reference model, or null for the district.</param>
    public static Trends Calculate(DistrictRollups rollups, DateTimeOffset now, int? street = null)
    {
        var today = DistrictRollups.DayOf(now);
        var categories = Categories(rollups, today, now, street);
        return new Trends(
            Window(rollups, today, Week, street),
            Window(rollups, today, Month, street),
            [.. categories.OrderByDescending(c => c.Today).ThenBy(c => c.Category, StringComparer.Ordinal).Take(Top)],
            [.. categories.Where(c => c.Today >= RisingMinimum && c.Rise > 1.0)
                .OrderByDescending(c => c.Rise).ThenByDescending(c => c.Today).ThenBy(c => c.Category, StringComparer.Ordinal).Take(Top)]);
    }

    private static TrendWindow Window(DistrictRollups rollups, DateOnly today, int days, int? street)
    {
        var first = today.AddDays(-(days - 1));
        var series = ImmutableArray.CreateBuilder<TrendDay>(days);
        var covered = 0;
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            var row = rollups.For(day) is { } rollup ? Row(rollup, street) : null;
            if (row is not null) covered++;
            series.Add(new TrendDay(day, row?.TicketsReceived ?? 0, row?.TicketsClosed ?? 0));
        }
        var total = rollups.Sum(first, today, street);
        return new TrendWindow(days, covered, series.MoveToImmutable(), total.TicketsReceived, total.TicketsClosed,
            total.OnTimeRate, total.SatisfactionRate);
    }

    private static StreetDay Row(DayRollup rollup, int? street) =>
        street is { } s ? rollup.Streets[s] : rollup.Streets.Aggregate(StreetDay.Zero, (sum, row) => sum + row);

    private static List<HotCategory> Categories(DistrictRollups rollups, DateOnly today, DateTimeOffset now, int? street)
    {
        if (rollups.For(today) is not { } todays)
            return [];
        var previous = Enumerable.Range(1, Month).Select(back => rollups.For(today.AddDays(-back))).OfType<DayRollup>().ToList();
        var dayGone = Math.Max(1.0 / 24, (DistrictClock.ToLocal(now) - DistrictClock.StartOfDay(now)).TotalHours / 24);
        return [.. todays.TicketCategories.Keys
            .Select(category =>
            {
                var count = todays.CategoryCount(category, street);
                var mean = previous.Count == 0 ? 0 : previous.Sum(day => day.CategoryCount(category, street)) / (double)previous.Count;
                return new HotCategory(category, count, mean, previous.Count == 0 ? null : count / Math.Max(mean * dayGone, 0.5));
            })
            .Where(c => c.Today > 0)];
    }
}
