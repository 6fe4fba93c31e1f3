using System.Collections.Immutable;
using CommandCenter.Core.Kpis;

namespace CommandCenter.Web.Wall;

/// <summary>
/// Hands on the previous view's parts where a new build came out the same, so each wall panel can tell "nothing to
/// draw" by reference (<see cref="Live.LivePanel"/>). At 1,000 events a second most builds change the ticker and a
/// few tiles; the map, the ranking, the whistle loop and the trends then stay as they were, and their panels skip the
/// render, the diff and the bytes to the browser.
/// </summary>
public static class WallViewReuse
{
    /// <summary><paramref name="next"/> with every part equal in content to <paramref name="previous"/>'s replaced by that part.</summary>
    public static WallView KeepUnchanged(WallView previous, WallView next) => next with
    {
        Kpis = Same(previous.Kpis, next.Kpis) ? previous.Kpis : next.Kpis,
        Streets = Keep(previous.Streets, next.Streets),
        Ticker = Keep(previous.Ticker, next.Ticker),
        Sparklines = Same(previous.Sparklines, next.Sparklines) ? previous.Sparklines : next.Sparklines,
        WhistleLoop = Keep(previous.WhistleLoop, next.WhistleLoop),
        Structure = previous.Structure.SequenceEqual(next.Structure, StreetLoadEqual) ? previous.Structure : next.Structure,
        Trends = previous.Trends is { } before && next.Trends is { } after && Same(before, after) ? before : next.Trends,
        StreetKpis = KeepEach(previous.StreetKpis, next.StreetKpis, Same),
        StreetTrends = KeepEach(previous.StreetTrends, next.StreetTrends, Same),
        StreetTickers = KeepEach(previous.StreetTickers, next.StreetTickers, (a, b) => a.SequenceEqual(b)),
    };

    /// <summary>Each street's part (a street wall's panels) kept the same way, street by street.</summary>
    private static ImmutableDictionary<string, T>? KeepEach<T>(
        ImmutableDictionary<string, T>? previous, ImmutableDictionary<string, T>? next, Func<T, T, bool> same)
    {
        if (previous is null || next is null) return next;
        // A new dictionary rather than SetItem: SetItem keeps the value it holds when the other is Equal to it, and
        // records of equal content are, so it would keep the new instance.
        return ImmutableDictionary.CreateRange(next.KeyComparer, next.Select(street =>
            previous.TryGetValue(street.Key, out var before) && same(before, street.Value) ? KeyValuePair.Create(street.Key, before) : street));
    }

    private static ImmutableArray<T> Keep<T>(ImmutableArray<T> previous, ImmutableArray<T> next) =>
        previous.SequenceEqual(next) ? previous : next;

    private static bool Same(WallKpis a, WallKpis b) =>
        a with { DepartmentsWaiting = b.DepartmentsWaiting } == b && a.DepartmentsWaiting.SequenceEqual(b.DepartmentsWaiting);

    private static bool Same(Sparklines a, Sparklines b) =>
        Same(a.IncidentsReported, b.IncidentsReported) && Same(a.TicketsReceived, b.TicketsReceived) && Same(a.TicketsClosed, b.TicketsClosed);

    private static bool Same(HourSeries a, HourSeries b) => a.Today.SequenceEqual(b.Today) && a.Yesterday.SequenceEqual(b.Yesterday);

    private static bool Same(Trends a, Trends b) =>
        Same(a.Week, b.Week) && Same(a.Month, b.Month) && a.TopToday.SequenceEqual(b.TopToday) && a.Rising.SequenceEqual(b.Rising);

    private static bool Same(TrendWindow a, TrendWindow b) => a with { Series = b.Series } == b && a.Series.SequenceEqual(b.Series);

    private static readonly EqualityComparer<StreetLoad> StreetLoadEqual = EqualityComparer<StreetLoad>.Create(
        (a, b) => a is not null && b is not null && a with { Bodies = b.Bodies } == b && a.Bodies.SequenceEqual(b.Bodies));
}
