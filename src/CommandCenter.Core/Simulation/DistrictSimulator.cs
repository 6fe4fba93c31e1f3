using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;

namespace CommandCenter.Core.Simulation;

/// <summary>
/// A day in the district as events: grid incidents, 12345 tickets, whistles and team dispatches, each started
/// in a street (weighted by its size) and followed through its lifecycle, one step at a time, each step
/// becoming due some seconds to minutes after the previous one. Pure and deterministic: the same model,
/// seed, settings and sequence of <see cref="Next"/> calls give the same events, ids included.
/// </summary>
/// <remarks>
/// The simulator keeps its own picture of what it started (open incidents, busy and off-duty teams), so its
/// stream on its own always applies cleanly in the reducer. It never appends <c>deadline.missed</c>: some
/// departments report in late or not at all, and marking that is the deadline watcher's job.
/// Finished items are forgotten, and at most <see cref="SimulationSettings.MaxActiveItems"/> are followed.
/// </remarks>
public sealed partial class DistrictSimulator
{
    public const string Source = "simulator";

    // Share of events that start new work even while steps are due, so a backlog never starves new arrivals.
    private const double NewWorkShare = 0.1;

    private readonly DistrictModel _district;
    private readonly SimulationSettings _settings;
    private readonly Random _random;
    private readonly PriorityQueue<Item, (DateTimeOffset At, long Order)> _queue = new();
    private readonly Street[] _streets;
    private readonly double[] _streetWeights;
    private readonly Dictionary<string, List<OpenIncident>> _openIncidents;
    private readonly Dictionary<string, List<TeamSlot>> _teamsByStreet;
    private readonly Dictionary<string, TeamSlot> _teams;
    private long _order;

    public DistrictSimulator(DistrictModel district, int seed, SimulationSettings? settings = null)
    {
        _district = district;
        _settings = settings ?? SimulationSettings.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(_settings.MaxActiveItems, 1, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_settings.StepDelayScale, nameof(settings));
        _random = new Random(seed);
        _streets = [.. district.Streets];
        _streetWeights = [.. _streets.Select(s => (double)s.Communities.Sum(c => c.Grids.Count))];
        _openIncidents = _streets.ToDictionary(s => s.Code, _ => new List<OpenIncident>());
        _teamsByStreet = _streets.ToDictionary(s => s.Code, s => s.Teams.Select(t => new TeamSlot(t)).ToList());
        _teams = _teamsByStreet.Values.SelectMany(list => list).ToDictionary(t => t.Team.Id);
    }

    /// <summary>The items (incidents, tickets, whistles, dispatches, off-duty spells) still being followed.</summary>
    public int ActiveItemCount => _queue.Count;

    /// <summary>
    /// The fields (<see cref="EnvelopeWriter.ToFields"/>, source <c>simulator</c>) of the next
    /// <paramref name="count"/> events, all occurring at <paramref name="now"/>. Steps that are due come first;
    /// new work fills the rest.
    /// </summary>
    public IReadOnlyList<Dictionary<string, string>> Next(DateTimeOffset now, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var events = new List<Dictionary<string, string>>(count);
        for (var i = 0; i < count; i++)
            events.Add(NextEvent(now));
        return events;
    }

    private Dictionary<string, string> NextEvent(DateTimeOffset now)
    {
        var stepDue = _queue.TryPeek(out _, out var first) && first.At <= now;
        if (stepDue && _random.NextDouble() >= NewWorkShare)
            return Advance(now);
        if (_queue.Count < _settings.MaxActiveItems)
            return Start(now);
        // At the cap: move the earliest item on ahead of its time rather than follow more.
        return Advance(now);
    }

    private Dictionary<string, string> Advance(DateTimeOffset now)
    {
        var item = _queue.Dequeue();
        var step = item.Steps.Dequeue();
        while (step.DropAfter is { } last && now > last && item.Steps.Count > 0)
            step = item.Steps.Dequeue(); // reached too late to make sense: skipped
        step.Done?.Invoke();
        if (item.Steps.TryPeek(out var next))
            Schedule(item, now + next.After);
        return Emit(step.Payload, item.Street, now);
    }

    private Dictionary<string, string> Start(DateTimeOffset now)
    {
        var street = PickStreet();
        var roll = _random.NextDouble();
        return roll switch
        {
            < 0.36 => StartIncident(now, street),
            < 0.72 => StartTicket(now, street),
            < 0.80 => StartWhistle(now, street),
            < 0.95 => StartDispatch(now, street) ?? StartIncident(now, street),
            _ => StartOffDuty(now, street) ?? StartTicket(now, street),
        };
    }

    /// <summary>Emits the item's first event now and follows the rest of its steps.</summary>
    private Dictionary<string, string> Begin(Item item, IEventPayload first, DateTimeOffset now)
    {
        if (item.Steps.TryPeek(out var next))
            Schedule(item, now + next.After);
        return Emit(first, item.Street, now);
    }

    private void Schedule(Item item, DateTimeOffset at) => _queue.Enqueue(item, (at, _order++));

    private Dictionary<string, string> Emit(IEventPayload payload, string street, DateTimeOffset now) =>
        EnvelopeWriter.ToFields(payload, street, Source, now, NewId());

    private Street PickStreet()
    {
        var roll = _random.NextDouble() * _streetWeights.Sum();
        for (var i = 0; i < _streets.Length; i++)
        {
            roll -= _streetWeights[i];
            if (roll < 0) return _streets[i];
        }
        return _streets[^1];
    }

    /// <summary>A version-4 UUID drawn from the seeded generator, so ids replay with the seed.</summary>
    private Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private T Pick<T>(IReadOnlyList<T> options) => options[_random.Next(options.Count)];

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private double Between(double min, double max) => min + _random.NextDouble() * (max - min);

    /// <summary>A delay between steps, in seconds of the simulated district, stretched by the settings.</summary>
    private TimeSpan Delay(double minSeconds, double maxSeconds) =>
        TimeSpan.FromSeconds(Between(minSeconds, maxSeconds) * _settings.StepDelayScale);

    /// <summary>Mostly a normal delay; now and then an item stalls for hours, as real work does.</summary>
    private TimeSpan DelayOrStall(double minSeconds, double maxSeconds) =>
        Chance(0.04) ? Delay(3600, 6 * 3600) : Delay(minSeconds, maxSeconds);

    /// <summary>One started piece of work and the steps it still has to go, each due a delay after the previous.</summary>
    private sealed class Item(string street)
    {
        public string Street => street;
        public Queue<Step> Steps { get; } = new();

        public Item Then(TimeSpan after, IEventPayload payload, Action? done = null, DateTimeOffset? dropAfter = null)
        {
            Steps.Enqueue(new Step(after, payload, done, dropAfter));
            return this;
        }
    }

    /// <param name="Done">Updates the simulator's own picture when the step is emitted (a team freed, an incident closed).</param>
    /// <param name="DropAfter">A step that only makes sense until then is skipped when reached later (never an item's last).</param>
    private sealed record Step(TimeSpan After, IEventPayload Payload, Action? Done, DateTimeOffset? DropAfter = null);

    private sealed record OpenIncident(Guid Id, string Title, string? TeamKind);

    private sealed class TeamSlot(TeamInfo team)
    {
        public TeamInfo Team => team;
        public bool Busy { get; set; }
        public bool OffDuty { get; set; }
        public bool Ready => !Busy && !OffDuty;
    }
}
