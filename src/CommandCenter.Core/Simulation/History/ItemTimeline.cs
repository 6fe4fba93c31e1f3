using CommandCenter.Core.Events;

namespace CommandCenter.Core.Simulation.History;

/// <summary>
/// The events of one piece of work (a ticket, an incident, a whistle, a dispatch, an off-duty spell), each at its time,
/// planned in full when the work arrives. Times are whole seconds and strictly increasing in the order added, so the
/// reducer meets the steps in the order they were planned.
/// </summary>
internal sealed class ItemTimeline(string street)
{
    /// <summary>Whether a step leaves the item open for its deadline: only an open item can miss one.</summary>
    public enum Openness { Unchanged, Opens, Closes }

    public readonly record struct Step(DateTimeOffset At, IEventPayload Payload, string Source, Actor? Actor, Openness Change);

    private readonly List<Step> _steps = [];

    public string Street => street;

    public IReadOnlyList<Step> Steps => _steps;

    /// <summary>The time of the last step; <see cref="DateTimeOffset.MinValue"/> while there is none.</summary>
    public DateTimeOffset Last => _steps.Count == 0 ? DateTimeOffset.MinValue : _steps[^1].At;

    /// <summary>
    /// Adds a step at <paramref name="at"/> (cut to the whole second), or one second after the last step when it would
    /// not come after it; returns the time it got.
    /// </summary>
    public DateTimeOffset Add(DateTimeOffset at, IEventPayload payload, string source, Actor? actor = null, Openness change = Openness.Unchanged)
    {
        var time = WholeSecond(at);
        if (_steps.Count > 0 && time <= Last)
            time = Last.AddSeconds(1);
        _steps.Add(new Step(time, payload, source, actor, change));
        return time;
    }

    /// <summary>
    /// Adds the <c>deadline.missed</c> the deadline watcher would append: the first time the item is open past
    /// <paramref name="due"/>, <paramref name="watchDelay"/> after the due time (or after it opened again, for an item
    /// reopened when its due time had already passed). One per deadline: a miss stays recorded. None when the item
    /// closes before the watcher would have seen it.
    /// </summary>
    public void AddDeadlineMiss(DeadlineKind kind, Guid entityId, DateTimeOffset due, TimeSpan watchDelay)
    {
        DateTimeOffset? openedAt = null;
        for (var i = 0; i <= _steps.Count; i++)
        {
            var step = i < _steps.Count ? _steps[i] : (Step?)null;
            if (openedAt is { } opened && (step is null || step.Value.Change == Openness.Closes))
            {
                var until = step?.At ?? DateTimeOffset.MaxValue;
                var missAt = WholeSecond((due > opened ? due : opened) + watchDelay);
                if (due < until && missAt < until)
                {
                    Insert(missAt, new DeadlineMissed(kind, entityId, HistoryRun.China(due)), DeadlineWatcherSource);
                    return;
                }
                openedAt = null;
            }
            if (step is { Change: Openness.Opens } opening && openedAt is null)
                openedAt = opening.At;
        }
    }

    /// <summary>The deadline watcher's source, as it appends (DeadlineWatcher.Source).</summary>
    public const string DeadlineWatcherSource = "deadline-watcher";

    /// <summary>Puts a step among the others by time, after any step of the same second.</summary>
    public void Insert(DateTimeOffset at, IEventPayload payload, string source, Actor? actor = null)
    {
        var time = WholeSecond(at);
        var index = _steps.FindIndex(s => s.At > time);
        if (index < 0) index = _steps.Count;
        _steps.Insert(index, new Step(time, payload, source, actor, Openness.Unchanged));
    }

    public static DateTimeOffset WholeSecond(DateTimeOffset time) => time.AddTicks(-(time.UtcTicks % TimeSpan.TicksPerSecond));
}
