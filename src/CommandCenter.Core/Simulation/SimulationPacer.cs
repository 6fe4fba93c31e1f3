namespace CommandCenter.Core.Simulation;

/// <summary>
/// Turns a mean rate into how many events are owed at each tick, following the <see cref="DayRhythm"/>
/// and carrying fractions over, so a slow rate still yields its events over time.
/// </summary>
/// <param name="maxCatchUp">
/// The longest gap one tick accounts for: after a pause (a debugger, a suspended laptop) the simulator
/// resumes at its rate instead of flooding the log with the backlog.
/// </param>
public sealed class SimulationPacer(double eventsPerSecond, TimeSpan maxCatchUp)
{
    private DateTimeOffset? _last;
    private double _carry;

    public double EventsPerSecond => eventsPerSecond;

    /// <summary>The events owed since the previous call (none on the first call, which only starts the clock).</summary>
    public int Due(DateTimeOffset now)
    {
        if (_last is not { } last || now <= last)
        {
            _last ??= now;
            return 0;
        }

        var elapsed = now - last > maxCatchUp ? maxCatchUp : now - last;
        _last = now;
        var owed = _carry + elapsed.TotalSeconds * eventsPerSecond * DayRhythm.Multiplier(now);
        var whole = Math.Floor(owed);
        _carry = owed - whole;
        return whole >= int.MaxValue ? int.MaxValue : (int)whole;
    }
}
