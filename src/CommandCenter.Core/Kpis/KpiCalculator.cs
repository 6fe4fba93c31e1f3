using System.Collections.Frozen;
using System.Collections.Immutable;
using CommandCenter.Core.Deadlines;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;
using CommandCenter.Core.Time;

namespace CommandCenter.Core.Kpis;

/// <summary>
/// Computes the district's KPIs from one state snapshot at an explicit moment. Pure: the same state, model and
/// <c>now</c> always give equal results. Built to run on every render tick (~10/s) whatever the length of the history:
/// the day's counts come from the state's daily rollups, open and overdue work from its open-item indexes, so a
/// rebuild walks only the open items, the active whistles and the teams (docs/decisions/0010).
/// </summary>
public sealed class KpiCalculator
{
    private readonly DistrictModel _district;
    private readonly FrozenDictionary<string, int> _streetIndex;
    private readonly (string TeamId, int Street)[] _teams;

    public KpiCalculator(DistrictModel district)
    {
        _district = district;
        _streetIndex = district.Streets.Select((street, index) => (street.Code, index)).ToFrozenDictionary(s => s.Code, s => s.index);
        _teams = [.. district.Streets.SelectMany((street, index) => street.Teams.Select(team => (team.Id, index)))];
    }

    public DistrictKpis Calculate(DistrictState state, DateTimeOffset now)
    {
        // "Today" is the district's calendar day (DistrictClock).
        var dayStart = DistrictClock.StartOfDay(now);
        var day = new Day(dayStart.UtcTicks, dayStart.AddDays(1).UtcTicks, now);
        var streets = new Counters[_district.Streets.Count];
        for (var i = 0; i < streets.Length; i++)
            streets[i] = new Counters();

        CountToday(state, dayStart, streets);
        CountOpenIncidents(state, day, streets);
        CountOpenTickets(state, day, streets);
        CountWhistles(state, streets);
        CountTeams(state, streets);

        var total = new Counters();
        var perStreet = ImmutableArray.CreateBuilder<StreetKpis>(streets.Length);
        for (var i = 0; i < streets.Length; i++)
        {
            total.Add(streets[i]);
            perStreet.Add(new StreetKpis(_district.Streets[i].Code, streets[i].ToKpiSet()));
        }
        return new DistrictKpis(now, dayStart, total.ToKpiSet(), perStreet.MoveToImmutable());
    }

    /// <summary>Today's counts from the rollups; satisfaction over the last 30 days (ratings come days after closing).</summary>
    private static void CountToday(DistrictState state, DateTimeOffset dayStart, Counters[] streets)
    {
        var today = DistrictRollups.DayOf(dayStart);
        var day = state.Rollups.For(today);
        for (var i = 0; i < streets.Length; i++)
        {
            var c = streets[i];
            if (day is not null)
            {
                var row = day.Streets[i];
                c.IncidentsReportedToday = row.IncidentsReported;
                c.IncidentsClosedToday = row.IncidentsClosed;
                c.TicketsReceivedToday = row.TicketsReceived;
                c.TicketsClosedToday = row.TicketsClosed;
                c.TicketsClosedOnTimeToday = row.TicketsClosedOnTime;
            }
            var month = state.Rollups.Sum(today.AddDays(-(SatisfactionDays - 1)), today, i);
            c.TicketsEvaluated = month.TicketsEvaluated;
            c.TicketsSatisfied = month.TicketsSatisfied;
        }
    }

    /// <summary>The days over which the satisfaction rate is taken (a rolling month).</summary>
    public const int SatisfactionDays = 30;

    private void CountOpenIncidents(DistrictState state, Day day, Counters[] streets)
    {
        foreach (var id in state.OpenIncidents)
        {
            // Unknown streets cannot reach the state: the parser rejects them before the reducer sees the event.
            if (!state.Incidents.TryGetValue(id, out var incident) || !_streetIndex.TryGetValue(incident.Street, out var index))
                continue;
            var c = streets[index];
            c.IncidentsOpen++;
            if (Overdue.IsOverdue(incident, day.Now))
                c.IncidentsOverdue++;
        }
    }

    private void CountOpenTickets(DistrictState state, Day day, Counters[] streets)
    {
        foreach (var id in state.OpenTickets)
        {
            if (!state.Tickets.TryGetValue(id, out var ticket) || !_streetIndex.TryGetValue(ticket.Street, out var index))
                continue;
            var c = streets[index];
            c.TicketsOpen++;
            if (Overdue.IsOverdue(ticket, day.Now))
                c.TicketsOverdue++;
        }
    }

    private void CountWhistles(DistrictState state, Counters[] streets)
    {
        foreach (var (_, whistle) in state.Whistles)
        {
            if (!whistle.IsActive || !_streetIndex.TryGetValue(whistle.Street, out var index))
                continue;
            var c = streets[index];
            switch (whistle.Level)
            {
                case WhistleLevel.WorkAdvance: c.WorkAdvanceWhistles++; break;
                case WhistleLevel.ToughProblem: c.ToughProblemWhistles++; break;
                default: c.DistrictWhistles++; break;
            }
            // Report-in is the stage between blowing and resolving; once resolved nobody is waited for.
            if (whistle.Status != WhistleStatus.Blown)
                continue;
            foreach (var summoned in whistle.Departments)
            {
                if (summoned.ReportedAt is not null)
                    continue;
                c.DepartmentsNotReported++;
                (c.WaitingDepartments ??= new HashSet<string>(StringComparer.Ordinal)).Add(summoned.Department);
            }
        }
    }

    private void CountTeams(DistrictState state, Counters[] streets)
    {
        foreach (var (teamId, index) in _teams)
        {
            var status = state.Teams.TryGetValue(teamId, out var team) ? team.Status : TeamStatus.Available;
            streets[index].CountTeam(status);
        }
    }

    /// <summary>The day window as UTC ticks, so each comparison is one integer compare, and the moment.</summary>
    private readonly record struct Day(long Start, long End, DateTimeOffset Now)
    {
        public bool Contains(DateTimeOffset time) => time.UtcTicks >= Start && time.UtcTicks < End;
    }

    private sealed class Counters
    {
        public int IncidentsReportedToday, IncidentsOpen, IncidentsClosedToday, IncidentsOverdue;
        public int TicketsReceivedToday, TicketsClosedToday, TicketsOpen, TicketsOverdue, TicketsClosedOnTimeToday;
        public int TicketsEvaluated, TicketsSatisfied;
        public int WorkAdvanceWhistles, ToughProblemWhistles, DistrictWhistles, DepartmentsNotReported;
        public HashSet<string>? WaitingDepartments;
        public int TeamsAvailable, TeamsDispatched, TeamsEnRoute, TeamsOnScene, TeamsOffDuty;

        public void CountTeam(TeamStatus status)
        {
            switch (status)
            {
                case TeamStatus.Available: TeamsAvailable++; break;
                case TeamStatus.Dispatched: TeamsDispatched++; break;
                case TeamStatus.EnRoute: TeamsEnRoute++; break;
                case TeamStatus.OnScene: TeamsOnScene++; break;
                default: TeamsOffDuty++; break;
            }
        }

        public void Add(Counters other)
        {
            IncidentsReportedToday += other.IncidentsReportedToday;
            IncidentsOpen += other.IncidentsOpen;
            IncidentsClosedToday += other.IncidentsClosedToday;
            IncidentsOverdue += other.IncidentsOverdue;
            TicketsReceivedToday += other.TicketsReceivedToday;
            TicketsClosedToday += other.TicketsClosedToday;
            TicketsOpen += other.TicketsOpen;
            TicketsOverdue += other.TicketsOverdue;
            TicketsClosedOnTimeToday += other.TicketsClosedOnTimeToday;
            TicketsEvaluated += other.TicketsEvaluated;
            TicketsSatisfied += other.TicketsSatisfied;
            WorkAdvanceWhistles += other.WorkAdvanceWhistles;
            ToughProblemWhistles += other.ToughProblemWhistles;
            DistrictWhistles += other.DistrictWhistles;
            DepartmentsNotReported += other.DepartmentsNotReported;
            if (other.WaitingDepartments is not null)
                (WaitingDepartments ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(other.WaitingDepartments);
            TeamsAvailable += other.TeamsAvailable;
            TeamsDispatched += other.TeamsDispatched;
            TeamsEnRoute += other.TeamsEnRoute;
            TeamsOnScene += other.TeamsOnScene;
            TeamsOffDuty += other.TeamsOffDuty;
        }

        public KpiSet ToKpiSet() => new(
            new IncidentKpis(IncidentsReportedToday, IncidentsOpen, IncidentsClosedToday, IncidentsOverdue),
            new TicketKpis(TicketsReceivedToday, TicketsClosedToday, TicketsOpen, TicketsOverdue, TicketsClosedOnTimeToday,
                TicketsEvaluated, TicketsSatisfied),
            new WhistleKpis(WorkAdvanceWhistles, ToughProblemWhistles, DistrictWhistles, DepartmentsNotReported,
                WaitingDepartments is null ? [] : [.. WaitingDepartments.Order(StringComparer.Ordinal)]),
            new TeamKpis(TeamsAvailable, TeamsDispatched, TeamsEnRoute, TeamsOnScene, TeamsOffDuty));
    }
}
