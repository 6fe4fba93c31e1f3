using System.Collections.Immutable;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.State;
using CommandCenter.Core.Time;

namespace CommandCenter.Web.Wall;

/// <summary>
/// Hour-by-hour sparklines for today against yesterday, read from the state's daily rollups (never a walk over the
/// entities). Finished hours are taken once per hour; the running hour is today's KPI total minus the finished hours.
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

    /// <summary>48 buckets per series from the state's daily rollups: yesterday's hours 0–23 then today's 24–47 (only finished ones filled).</summary>
    public static Finished Count(DistrictState state, DistrictKpis figures)
    {
        var hourStart = HourStart(figures.Now);
        var today = DistrictRollups.DayOf(figures.DayStart);
        int[] incidents = new int[48], received = new int[48], closed = new int[48];
        foreach (var (offset, day) in new[] { (0, today.AddDays(-1)), (24, today) })
        {
            if (state.Rollups.For(day) is not { } rollup) continue;
            for (var h = 0; h < 24; h++)
            {
                // Today's running hour is the KPI total minus the finished hours, so only finished hours are taken.
                if (offset == 24 && figures.DayStart.AddHours(h) >= hourStart) break;
                incidents[offset + h] = rollup.Hours[h].IncidentsReported;
                received[offset + h] = rollup.Hours[h].TicketsReceived;
                closed[offset + h] = rollup.Hours[h].TicketsClosed;
            }
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
