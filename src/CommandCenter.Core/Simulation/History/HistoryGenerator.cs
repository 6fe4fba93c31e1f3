using CommandCenter.Core.Reference;

namespace CommandCenter.Core.Simulation.History;

/// <summary>
/// A realistic past of the district on demand: every family of work at the volumes, rhythms and failure shares of
/// <see cref="HistorySettings"/> (docs/simulation.md), as the log entries that would have recorded it. Work arrives
/// by the hour of the day (<see cref="DayRhythm"/>), the weekday and the season (<see cref="HistoryCalendar"/>) and is
/// carried through its lifecycle: tickets to the citizen's rating (sometimes reopened), incidents to closing (sometimes
/// with a team sent), whistles through report-ins, escalations and ratings, dispatches through their stages, teams on
/// and off duty. Deadlines passed while work is open get the <c>deadline.missed</c> (source <c>deadline-watcher</c>)
/// the watcher would have appended, and missed report-ins its escalation, so the history replays like a live one.
/// </summary>
/// <remarks>
/// Pure and deterministic: the same model, settings, span and seed give the same entries, ids included, and a shorter
/// span from the same start gives a prefix of a longer one. The district starts empty at <c>start</c>: the first hours
/// hold arrivals only. Work still in flight at <c>end</c> is left open, as a live district's is. Streamed: only the work
/// in flight is held, a few tens of thousands of planned events, whatever the span.
/// </remarks>
public sealed class HistoryGenerator(DistrictModel district, HistorySettings? settings = null)
{
    public HistorySettings Settings { get; } = settings ?? HistorySettings.Default;

    /// <summary>
    /// The log entries (fields as <see cref="Events.EnvelopeWriter.ToFields"/> makes them, source <c>simulator</c> or
    /// <c>deadline-watcher</c>, times in China time) of what happened from <paramref name="start"/> to
    /// <paramref name="end"/> inclusive, in <c>occurredAt</c> order. Lazily generated: enumerate once.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="end"/> is not after <paramref name="start"/>.</exception>
    public IEnumerable<Dictionary<string, string>> Generate(DateTimeOffset start, DateTimeOffset end, int seed)
    {
        if (end <= start)
            throw new ArgumentException($"the end ({end:O}) must be after the start ({start:O})", nameof(end));
        return new HistoryRun(district, Settings, start, end, seed).Events();
    }

    /// <summary>The last <paramref name="days"/> days up to <paramref name="end"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is not positive.</exception>
    public IEnumerable<Dictionary<string, string>> LastDays(int days, DateTimeOffset end, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        return Generate(end.AddDays(-days), end, seed);
    }
}
