using System.Collections.Immutable;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Time;

namespace CommandCenter.Core.State;

/// <summary>
/// Counts per China calendar day, kept by the reducer as events change entities, so walls, trends and rankings never
/// walk the entities: today's and the last 30 days' figures are sums over at most <see cref="RetainedDays"/> small
/// buckets. Part of the reducer's state (and so of every stored snapshot and replay), bounded whatever the history.
/// Days older than the window are dropped when the leader's <c>log.archived</c> notice moves "now" on
/// (<see cref="Prune"/>), never by a producer's timestamp, so one event dated 2099 cannot empty it.
/// </summary>
public sealed record DistrictRollups(ImmutableSortedDictionary<DateOnly, DayRollup> Days)
{
    /// <summary>Today, yesterday and 30 days of trends, plus a few days' margin.</summary>
    public const int RetainedDays = 35;

    public static readonly DistrictRollups Empty = new(ImmutableSortedDictionary<DateOnly, DayRollup>.Empty);

    /// <summary>The district's calendar day of <paramref name="time"/> (<see cref="DistrictClock"/>).</summary>
    public static DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(DistrictClock.ToLocal(time).DateTime);

    public static int HourOf(DateTimeOffset time) => DistrictClock.ToLocal(time).Hour;

    public DayRollup? For(DateOnly day) => Days.GetValueOrDefault(day);

    /// <summary>Adds what an event did to one entity (its version before and after) into the day buckets it touches.</summary>
    public DistrictRollups Count(EntityKind kind, object? before, object? after, int streetIndex) => (kind, before, after) switch
    {
        (EntityKind.Ticket, var b, Ticket t) => CountTicket(b as Ticket, t, streetIndex),
        (EntityKind.Incident, var b, Incident i) => CountIncident(b as Incident, i, streetIndex),
        _ => this,
    };

    private DistrictRollups CountTicket(Ticket? before, Ticket after, int street)
    {
        var rollups = this;
        if (before is null)
            rollups = rollups.Update(after.ReceivedAt, street, s => s with { TicketsReceived = s.TicketsReceived + 1 },
                day => day.WithCategory(after.Category, street).WithHour(HourOf(after.ReceivedAt), h => h with { TicketsReceived = h.TicketsReceived + 1 }));
        // Closed and rated count while they last: a reopen takes the closing (and the rating it clears) back off its day.
        var wasClosed = before is { IsOpen: false, ClosedAt: { } } ? before.ClosedAt : null;
        var isClosed = !after.IsOpen ? after.ClosedAt : null;
        if (wasClosed != isClosed)
        {
            if (wasClosed is { } undone)
                rollups = rollups.Update(undone, street, s => s with { TicketsClosed = s.TicketsClosed - 1, TicketsClosedOnTime = s.TicketsClosedOnTime - (undone <= before!.DueAt ? 1 : 0) },
                    day => day.WithHour(HourOf(undone), h => h with { TicketsClosed = h.TicketsClosed - 1 }), onlyIfKept: true);
            if (isClosed is { } closed)
                rollups = rollups.Update(closed, street,
                    s => s with { TicketsClosed = s.TicketsClosed + 1, TicketsClosedOnTime = s.TicketsClosedOnTime + (closed <= after.DueAt ? 1 : 0) },
                    day => day.WithHour(HourOf(closed), h => h with { TicketsClosed = h.TicketsClosed + 1 }));
        }
        if (before?.Satisfaction is { } cleared && after.Satisfaction is null)
            rollups = rollups.Update(before.UpdatedAt, street, s => s with
            {
                TicketsEvaluated = s.TicketsEvaluated - 1,
                TicketsSatisfied = s.TicketsSatisfied - (IsSatisfied(cleared) ? 1 : 0),
            }, onlyIfKept: true);
        if (after.Satisfaction is { } rating && before?.Satisfaction is null)
            rollups = rollups.Update(after.UpdatedAt, street, s => s with
            {
                TicketsEvaluated = s.TicketsEvaluated + 1,
                TicketsSatisfied = s.TicketsSatisfied + (IsSatisfied(rating) ? 1 : 0),
            });
        return rollups;
    }

    private static bool IsSatisfied(Satisfaction rating) => rating is Satisfaction.Satisfied or Satisfaction.BasicallySatisfied;

    private DistrictRollups CountIncident(Incident? before, Incident after, int street)
    {
        var rollups = this;
        if (before is null)
            rollups = rollups.Update(after.ReportedAt, street, s => s with { IncidentsReported = s.IncidentsReported + 1 },
                day => day.WithHour(HourOf(after.ReportedAt), h => h with { IncidentsReported = h.IncidentsReported + 1 }));
        var wasClosed = before is { IsOpen: false } ? before.ClosedAt : null;
        var isClosed = !after.IsOpen ? after.ClosedAt : null;
        if (wasClosed != isClosed)
        {
            if (wasClosed is { } undone)
                rollups = rollups.Update(undone, street, s => s with { IncidentsClosed = s.IncidentsClosed - 1 }, onlyIfKept: true);
            if (isClosed is { } closed)
                rollups = rollups.Update(closed, street, s => s with { IncidentsClosed = s.IncidentsClosed + 1 });
        }
        return rollups;
    }

    /// <param name="onlyIfKept">For a correction of an earlier count: applied only while that day's bucket is kept.</param>
    private DistrictRollups Update(DateTimeOffset at, int street, Func<StreetDay, StreetDay> change, Func<DayRollup, DayRollup>? dayChange = null,
        bool onlyIfKept = false)
    {
        var key = DayOf(at);
        if (onlyIfKept && !Days.ContainsKey(key))
            return this;
        var day = Days.GetValueOrDefault(key) ?? DayRollup.Empty;
        day = day with { Streets = day.Streets.SetItem(street, change(day.Streets[street])) };
        if (dayChange is not null)
            day = dayChange(day);
        return new DistrictRollups(Days.SetItem(key, day));
    }

    /// <summary>Keeps the days from <see cref="RetainedDays"/> before <paramref name="now"/> to the day after it.</summary>
    public DistrictRollups Prune(DateTimeOffset now)
    {
        var first = DayOf(now).AddDays(-(RetainedDays - 1));
        var last = DayOf(now).AddDays(1);
        var stale = Days.Keys.Where(d => d < first || d > last).ToList();
        return stale.Count == 0 ? this : new DistrictRollups(Days.RemoveRange(stale));
    }

    /// <summary>Sums of the street rows over the days from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public StreetDay Sum(DateOnly from, DateOnly to, int? street = null)
    {
        var total = StreetDay.Zero;
        foreach (var (day, rollup) in Days)
        {
            if (day < from || day > to) continue;
            if (street is { } s) total += rollup.Streets[s];
            else foreach (var row in rollup.Streets) total += row;
        }
        return total;
    }
}

/// <summary>One China calendar day: a row per street (in the reference model's order), the tickets received per
/// category and street, and district-wide hourly counts for the sparklines.</summary>
/// <param name="TicketCategories">Category → tickets received that day, per street (the reference model's order).</param>
public sealed record DayRollup(ImmutableArray<StreetDay> Streets, ImmutableDictionary<string, ImmutableArray<int>> TicketCategories, ImmutableArray<HourCounts> Hours)
{
    /// <summary>The district's 13 streets (the reducer refuses a reference model of another size).</summary>
    public const int StreetCount = 13;

    public static readonly DayRollup Empty = new(
        [.. Enumerable.Repeat(StreetDay.Zero, StreetCount)], ImmutableDictionary<string, ImmutableArray<int>>.Empty, [.. Enumerable.Repeat(HourCounts.Zero, 24)]);

    public DayRollup WithCategory(string category, int street)
    {
        var counts = TicketCategories.TryGetValue(category, out var existing) ? existing : [.. new int[StreetCount]];
        return this with { TicketCategories = TicketCategories.SetItem(category, counts.SetItem(street, counts[street] + 1)) };
    }

    /// <summary>Tickets of <paramref name="category"/> received that day, in one street or (null) the district.</summary>
    public int CategoryCount(string category, int? street = null) =>
        !TicketCategories.TryGetValue(category, out var counts) ? 0 : street is { } s ? counts[s] : counts.Sum();

    public DayRollup WithHour(int hour, Func<HourCounts, HourCounts> change) => this with { Hours = Hours.SetItem(hour, change(Hours[hour])) };
}

/// <summary>What happened in one street on one day. On-time: closed no later than its due time.</summary>
public sealed record StreetDay(
    int TicketsReceived, int TicketsClosed, int TicketsClosedOnTime, int TicketsEvaluated, int TicketsSatisfied,
    int IncidentsReported, int IncidentsClosed)
{
    public static readonly StreetDay Zero = new(0, 0, 0, 0, 0, 0, 0);

    public static StreetDay operator +(StreetDay a, StreetDay b) => new(
        a.TicketsReceived + b.TicketsReceived, a.TicketsClosed + b.TicketsClosed, a.TicketsClosedOnTime + b.TicketsClosedOnTime,
        a.TicketsEvaluated + b.TicketsEvaluated, a.TicketsSatisfied + b.TicketsSatisfied,
        a.IncidentsReported + b.IncidentsReported, a.IncidentsClosed + b.IncidentsClosed);

    /// <summary>0–1, null while nothing closed.</summary>
    public double? OnTimeRate => TicketsClosed == 0 ? null : (double)TicketsClosedOnTime / TicketsClosed;

    /// <summary>0–1, null while nothing rated.</summary>
    public double? SatisfactionRate => TicketsEvaluated == 0 ? null : (double)TicketsSatisfied / TicketsEvaluated;
}

/// <summary>District-wide counts of one hour (China time), for the hour-by-hour sparklines.</summary>
public sealed record HourCounts(int IncidentsReported, int TicketsReceived, int TicketsClosed)
{
    public static readonly HourCounts Zero = new(0, 0, 0);
}
