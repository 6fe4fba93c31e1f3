using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;

namespace CommandCenter.Core.Simulation.History;

/// <summary>
/// One generation of history: walks the span a minute at a time, lets work arrive in each minute (a Poisson draw per
/// kind at the rate of the hour, the weekday and the season), plans each arrival's whole life at once and emits every
/// planned event whose time has come. Only the work still in flight is held, so memory does not grow with the span.
/// </summary>
internal sealed partial class HistoryRun
{
    private const string Source = DistrictSimulator.Source;
    private static readonly TimeSpan Slice = TimeSpan.FromMinutes(1);
    private const double MinutesPerDay = 1440;

    private readonly HistorySettings _settings;
    private readonly Random _random;
    // Envelope ids come from a generator of their own, drawn as events are emitted: planning never shifts them, so a
    // shorter span from the same start is a prefix of a longer one, ids included.
    private readonly Random _envelopeIds;
    private readonly DateTimeOffset _start;
    private readonly DateTimeOffset _end;
    private readonly PriorityQueue<Planned, (long Ticks, long Order)> _queue = new();
    private readonly Street[] _streets;
    private readonly double[] _streetWeights;
    private readonly double _streetWeightTotal;
    private readonly GridRef[] _grids;
    private readonly TeamRoster _roster;
    private readonly int _teamCount;
    private long _order;

    private HistoryVolumes Volumes => _settings.Volumes;
    private HistoryShares Shares => _settings.Shares;

    public HistoryRun(DistrictModel district, HistorySettings settings, DateTimeOffset start, DateTimeOffset end, int seed)
    {
        _settings = settings;
        // Streams of their own for a seed: the live simulator draws its ids from new Random(seed), and with the same
        // configured seed (Simulator:Seed) a history must not name the same incidents.
        _random = new Random(Mix(seed, 0x48495354)); // "HIST"
        _envelopeIds = new Random(Mix(seed, 0x454E5645)); // "ENVE"
        // Whole seconds from the first one at or after the start, so no time written with milliseconds falls before it.
        var whole = ItemTimeline.WholeSecond(start);
        _start = whole < start ? whole.AddSeconds(1) : whole;
        _end = end;
        _streets = [.. district.Streets];
        _streetWeights = [.. _streets.Select(s => (double)s.Communities.Sum(c => c.Grids.Count))];
        _streetWeightTotal = _streetWeights.Sum();
        _grids = [.. district.Grids.Values.OrderBy(g => g.Grid.Id, StringComparer.Ordinal)];
        _roster = new TeamRoster(district);
        _teamCount = district.Teams.Count;
    }

    /// <summary>The events, in time order, each as the fields of a log entry.</summary>
    public IEnumerable<Dictionary<string, string>> Events()
    {
        var minutes = 0;
        var housekeeping = NextHousekeeping(_start);
        for (var from = _start; from < _end; from += Slice)
        {
            var to = from + Slice < _end ? from + Slice : _end;
            if (minutes++ % 60 == 0)
                _roster.Forget(from);
            Arrive(from, to);
            if (housekeeping < to)
            {
                // The leader's daily housekeeping, as live: what closed more than the retention ago leaves the hot state,
                // so a year replays in bounded memory (docs/decisions/0010).
                while (_queue.TryPeek(out _, out var before) && before.Ticks < housekeeping.UtcTicks)
                    yield return Emit(_queue.Dequeue());
                yield return EnvelopeWriter.ToFields(new LogArchived(China(housekeeping), China(housekeeping - _settings.HotStateRetention)),
                    _streets[0].Code, LogArchived.Source, China(housekeeping), NewId(_envelopeIds));
                housekeeping = housekeeping.AddDays(1);
            }
            while (_queue.TryPeek(out _, out var due) && due.Ticks < to.UtcTicks)
                yield return Emit(_queue.Dequeue());
        }
        while (_queue.TryPeek(out _, out var due) && due.Ticks <= _end.UtcTicks)
            yield return Emit(_queue.Dequeue());
    }

    /// <summary>The first 04:00 China time at or after <paramref name="time"/>: a quiet hour for the daily housekeeping.</summary>
    private static DateTimeOffset NextHousekeeping(DateTimeOffset time)
    {
        var at = Time.DistrictClock.StartOfDay(time).AddHours(4);
        return at >= time ? at : at.AddDays(1);
    }

    /// <summary>Plans the work arriving in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    private void Arrive(DateTimeOffset from, DateTimeOffset to)
    {
        var weekend = HistoryCalendar.IsWeekend(from);
        var season = HistoryCalendar.Season(from);
        var hour = DayRhythm.Multiplier(from);
        var minutes = (to - from).TotalMinutes;

        var tickets = Volumes.TicketsPerWorkingDay * (weekend ? Volumes.TicketsWeekendShare : 1) * season;
        var incidents = Volumes.IncidentsPerGridPerWorkingDay * _grids.Length * (weekend ? Volumes.IncidentsWeekendShare : 1) * season;
        var patrols = Volumes.PatrolDispatchesPerWorkingDay * (weekend ? Volumes.PatrolsWeekendShare : 1);
        // Per working day, so that a week holds the weekly figure whatever the weekend share.
        var whistles = Volumes.WhistlesPerStreetPerWeek * _streets.Length / (5 + 2 * Volumes.WhistlesWeekendShare)
            * (weekend ? Volumes.WhistlesWeekendShare : 1);
        var offDuty = Volumes.OffDutySpellsPerTeamPerDay * _teamCount;

        Repeat(Poisson(tickets * hour * minutes / MinutesPerDay), () => StartTicket(ArrivalIn(from, to)));
        Repeat(Poisson(incidents * hour * minutes / MinutesPerDay), () => StartIncident(ArrivalIn(from, to)));
        Repeat(Poisson(patrols * hour * minutes / MinutesPerDay), () => StartPatrol(ArrivalIn(from, to)));
        Repeat(Poisson(whistles * hour * minutes / MinutesPerDay), () => StartWhistle(ArrivalIn(from, to)));
        Repeat(Poisson(offDuty * hour * minutes / MinutesPerDay), () => StartOffDuty(ArrivalIn(from, to)));
    }

    private static void Repeat(int count, Action action)
    {
        for (var i = 0; i < count; i++)
            action();
    }

    /// <summary>A whole second in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    private DateTimeOffset ArrivalIn(DateTimeOffset from, DateTimeOffset to) =>
        from.AddSeconds(Math.Floor(_random.NextDouble() * Math.Max(1, Math.Floor((to - from).TotalSeconds))));

    /// <summary>A Poisson count with mean <paramref name="mean"/> (Knuth's method: the means here are below ten).</summary>
    private int Poisson(double mean)
    {
        var limit = Math.Exp(-mean);
        var count = 0;
        for (var product = _random.NextDouble(); product > limit; product *= _random.NextDouble())
            count++;
        return count;
    }

    /// <summary>Queues a planned item's events; those after the end of the span are never emitted.</summary>
    private void Commit(ItemTimeline item)
    {
        foreach (var step in item.Steps)
        {
            if (step.At > _end) break;
            _queue.Enqueue(new Planned(item.Street, step), (step.At.UtcTicks, _order++));
        }
    }

    private Dictionary<string, string> Emit(Planned planned) =>
        EnvelopeWriter.ToFields(planned.Step.Payload, planned.Street, planned.Step.Source, China(planned.Step.At), NewId(_envelopeIds), planned.Step.Actor);

    /// <summary>The same instant as the district's clocks show it (+08:00), as the hotline and the consoles write times.</summary>
    internal static DateTimeOffset China(DateTimeOffset time) => time.ToOffset(HistoryCalendar.ChinaOffset);

    private Street PickStreet()
    {
        var roll = _random.NextDouble() * _streetWeightTotal;
        for (var i = 0; i < _streets.Length; i++)
        {
            roll -= _streetWeights[i];
            if (roll < 0) return _streets[i];
        }
        return _streets[^1];
    }

    /// <summary>A version-4 UUID drawn from the seeded generator, so a seed gives the same ids.</summary>
    /// <summary>A fixed, well-spread mix of the seed and a stream's tag (HashCode would differ per process).</summary>
    private static int Mix(int seed, int stream) => unchecked((int)(((uint)seed ^ (uint)stream) * 2654435761u) ^ stream);

    private Guid NewId() => NewId(_random);

    private static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private T Pick<T>(IReadOnlyList<T> options) => options[_random.Next(options.Count)];

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private double Between(double min, double max) => min + _random.NextDouble() * (max - min);

    private TimeSpan Minutes(double min, double max) => TimeSpan.FromMinutes(Between(min, max));

    private TimeSpan Hours(double min, double max) => TimeSpan.FromHours(Between(min, max));

    /// <summary>Between <paramref name="min"/> and <paramref name="max"/>, mostly near the short end, as delays are.</summary>
    private TimeSpan Skewed(TimeSpan min, TimeSpan max)
    {
        var u = _random.NextDouble();
        return min + (max - min) * (u * u);
    }

    /// <summary>The deadline watcher scans every few seconds (<c>DeadlineWatcher:Interval</c>, 5 s by default).</summary>
    private TimeSpan WatchDelay() => TimeSpan.FromSeconds(_random.Next(1, 6));

    /// <summary>Office work: within 08:30–18:00, else the next morning soon after opening.</summary>
    private DateTimeOffset InOffice(DateTimeOffset time) => HistoryCalendar.InOfficeHours(time, 8.5, 18, Minutes(0, 90));

    /// <summary>Citizens answer call-backs 08:00–21:00.</summary>
    private DateTimeOffset InCallHours(DateTimeOffset time) => HistoryCalendar.InOfficeHours(time, 8, 21, Minutes(0, 120));

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private readonly record struct Planned(string Street, ItemTimeline.Step Step);
}
