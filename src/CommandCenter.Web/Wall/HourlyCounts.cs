using System.Collections.Immutable;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.State;
using CommandCenter.Core.Time;

namespace CommandCenter.Web.Wall;

/// <summary>
/// Hour-by-hour sparklines for today against yesterday. Finished hours never change, so they are counted from the
/// state once per hour (one pass over incidents and tickets); the running hour is today's KPI total minus the
/// finished hours, so between those passes a rebuild costs nothing extra.
/// </summary>
public static class HourlyCounts
{
    /// <summary>Counts of yesterday's 24 hours and today's finished hours, taken at <see cref="HourStart"/>.</summary>
    public sealed record Finished(DateTimeOffset HourStart, int[] Incidents, int[] TicketsReceived, int[] TicketsClosed);

    public static Sparklines Sparklines(DistrictState state, DistrictKpis figures, Finished? previous) =>
        Sparklines(figures, previous is not null && previous.HourStart == HourStart(figures.Now) ? previous : Count(state, figures));

    public static Sparklines Sparklines(DistrictKpis figures, Finished finished)
    {
        var k = figures.District;
        return new Sparklines(
            Series(finished.Incidents, k.Incidents.ReportedToday, figures),
            Series(finished.TicketsReceived, k.Tickets.ReceivedToday, figures),
            Series(finished.TicketsClosed, k.Tickets.ClosedToday, figures));
    }

    public static DateTimeOffset HourStart(DateTimeOffset now)
    {
        var local = DistrictClock.ToLocal(now);
        return new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, local.Offset);
    }

    /// <summary>One pass: 48 buckets per series, yesterday's hours 0–23 then today's 24–47 (only finished ones filled).</summary>
    public static Finished Count(DistrictState state, DistrictKpis figures)
    {
        var hourStart = HourStart(figures.Now);
        var yesterday = figures.DayStart.AddDays(-1);
        int[] incidents = new int[48], received = new int[48], closed = new int[48];

        void Add(int[] buckets, DateTimeOffset? at)
        {
            if (at is not { } time || time < yesterday || time >= hourStart) return;
            buckets[(int)((time - yesterday).Ticks / TimeSpan.TicksPerHour)]++;
        }

        foreach (var (_, i) in state.Incidents) Add(incidents, i.ReportedAt);
        foreach (var (_, t) in state.Tickets)
        {
            Add(received, t.ReceivedAt);
            if (!t.IsOpen) Add(closed, t.ClosedAt);
        }
        return new Finished(hourStart, incidents, received, closed);
    }

    private static HourSeries Series(int[] buckets, int todayTotal, DistrictKpis figures)
    {
        var currentHour = DistrictClock.ToLocal(figures.Now).Hour;
        var today = new int[currentHour + 1];
        var finished = 0;
        for (var h = 0; h < currentHour; h++)
        {
            today[h] = buckets[24 + h];
            finished += today[h];
        }
        // Reopened items can leave a finished hour counting one the total no longer has: never below zero.
        today[currentHour] = Math.Max(0, todayTotal - finished);
        return new HourSeries([.. today], [.. buckets.AsSpan(0, 24)]);
    }
}

/// <summary>
/// What the live feed keeps between rebuilds: the finished-hours counts (recounted when the hour turns) and the body
/// loads (recounted at most every <see cref="StructureInterval"/>).
/// </summary>
public sealed class WallBuildCache
{
    public static readonly TimeSpan StructureInterval = TimeSpan.FromSeconds(1);

    private HourlyCounts.Finished? _finished;
    private (DateTimeOffset At, ImmutableArray<StreetLoad> Loads)? _structure;

    public Sparklines Sparklines(DistrictState state, DistrictKpis figures)
    {
        if (_finished is null || _finished.HourStart != HourlyCounts.HourStart(figures.Now))
            _finished = HourlyCounts.Count(state, figures);
        return HourlyCounts.Sparklines(figures, _finished);
    }

    public ImmutableArray<StreetLoad> Structure(DistrictState state, DateTimeOffset now, Func<DistrictState, DateTimeOffset, ImmutableArray<StreetLoad>> count)
    {
        if (_structure is { } s && now - s.At < StructureInterval && now >= s.At) return s.Loads;
        var loads = count(state, now);
        _structure = (now, loads);
        return loads;
    }
}
