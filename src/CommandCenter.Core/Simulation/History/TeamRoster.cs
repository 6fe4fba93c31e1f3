using CommandCenter.Core.Reference;

namespace CommandCenter.Core.Simulation.History;

/// <summary>
/// When each enforcement team is taken, by a dispatch or an off-duty spell, as planned so far. The reducer refuses a
/// dispatch to a team already out or off duty, and an off-duty spell for a team on a dispatch, so the history books
/// every team's time before it plans a step: two bookings of one team never overlap.
/// </summary>
internal sealed class TeamRoster
{
    // A team freed at a second can be booked again from the next one.
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, TeamInfo[]> _byStreet;
    private readonly Dictionary<string, List<(DateTimeOffset From, DateTimeOffset To)>> _booked;

    public TeamRoster(DistrictModel district)
    {
        _byStreet = district.Streets.ToDictionary(s => s.Code, s => s.Teams.ToArray());
        _booked = district.Teams.Keys.ToDictionary(id => id, _ => new List<(DateTimeOffset, DateTimeOffset)>());
    }

    /// <summary>
    /// A team of <paramref name="street"/> (of <paramref name="kind"/> when given) free from <paramref name="from"/> to
    /// <paramref name="to"/>, chosen at random among those free; null when none is.
    /// </summary>
    public TeamInfo? FindFree(string street, string? kind, DateTimeOffset from, DateTimeOffset to, Random random)
    {
        var teams = _byStreet[street];
        var start = random.Next(teams.Length);
        for (var i = 0; i < teams.Length; i++)
        {
            var team = teams[(start + i) % teams.Length];
            if ((kind is null || team.Kind == kind) && IsFree(team.Id, from, to))
                return team;
        }
        return null;
    }

    public void Book(TeamInfo team, DateTimeOffset from, DateTimeOffset to) => _booked[team.Id].Add((from, to));

    /// <summary>Drops bookings that ended before <paramref name="now"/>: nothing is planned before the run's clock.</summary>
    public void Forget(DateTimeOffset now)
    {
        foreach (var bookings in _booked.Values)
            bookings.RemoveAll(b => b.To + Margin < now);
    }

    private bool IsFree(string teamId, DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var (bookedFrom, bookedTo) in _booked[teamId])
        {
            if (from <= bookedTo + Margin && bookedFrom <= to + Margin)
                return false;
        }
        return true;
    }
}
