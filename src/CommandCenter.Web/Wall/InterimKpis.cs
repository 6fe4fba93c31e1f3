using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;

namespace CommandCenter.Web.Wall;

// Stand-in until Core's KpiCalculator is merged; delete then and map its figures in WallViewBuilder.
internal static class InterimKpis
{
    public static WallKpis District(DistrictState state, DistrictModel district, DateTimeOffset now)
    {
        var today = DistrictClock.StartOfDay(now);
        var incidents = state.Incidents.Values;
        var tickets = state.Tickets.Values;
        var closedTickets = tickets.Where(t => t.ClosedAt is not null).ToList();
        var rated = tickets.Where(t => t.Satisfaction is not null).ToList();
        var whistles = state.Whistles.Values.Where(w => w.IsActive).ToList();
        var teams = district.Teams.Keys
            .Select(id => state.Teams.TryGetValue(id, out var team) ? team.Status : TeamStatus.Available)
            .ToLookup(status => status);

        return new WallKpis(
            IncidentsReportedToday: incidents.Count(i => i.ReportedAt >= today),
            IncidentsOpen: incidents.Count(i => i.IsOpen),
            IncidentsOverdue: incidents.Count(i => IsOverdue(i, now)),
            TicketsReceivedToday: tickets.Count(t => t.ReceivedAt >= today),
            TicketsClosedToday: closedTickets.Count(t => t.ClosedAt >= today),
            TicketsOverdue: tickets.Count(t => IsOverdue(t, now)),
            OnTimeClosureRate: Rate(closedTickets.Count(t => t.ClosedAt <= t.DueAt), closedTickets.Count),
            SatisfactionRate: Rate(rated.Count(t => t.Satisfaction is not Satisfaction.Dissatisfied), rated.Count),
            WhistlesWorkAdvance: whistles.Count(w => w.Level == WhistleLevel.WorkAdvance),
            WhistlesToughProblem: whistles.Count(w => w.Level == WhistleLevel.ToughProblem),
            WhistlesDistrict: whistles.Count(w => w.Level == WhistleLevel.District),
            DepartmentsNotReported: whistles.Where(w => w.Status == WhistleStatus.Blown)
                .SelectMany(w => w.Departments).Count(d => d.ReportedAt is null),
            Teams: new TeamCounts(
                teams[TeamStatus.Available].Count(), teams[TeamStatus.Dispatched].Count(), teams[TeamStatus.EnRoute].Count(),
                teams[TeamStatus.OnScene].Count(), teams[TeamStatus.OffDuty].Count()));
    }

    public static IEnumerable<StreetRow> Streets(DistrictState state, DistrictModel district, DateTimeOffset now)
    {
        var incidents = state.Incidents.Values.ToLookup(i => i.Street);
        var tickets = state.Tickets.Values.ToLookup(t => t.Street);
        foreach (var street in district.Streets)
        {
            var closed = tickets[street.Code].Where(t => t.ClosedAt is not null).ToList();
            yield return new StreetRow(
                street.Code,
                EventLabels.ShortName(street),
                Open: incidents[street.Code].Count(i => i.IsOpen) + tickets[street.Code].Count(t => t.IsOpen),
                Overdue: incidents[street.Code].Count(i => IsOverdue(i, now)) + tickets[street.Code].Count(t => IsOverdue(t, now)),
                OnTimeRate: Rate(closed.Count(t => t.ClosedAt <= t.DueAt), closed.Count));
        }
    }

    private static bool IsOverdue(Incident i, DateTimeOffset now) => i.IsOpen && (i.DeadlineMissed || i.DueAt < now);

    private static bool IsOverdue(Ticket t, DateTimeOffset now) => t.IsOpen && (t.DeadlineMissed || t.DueAt < now);

    private static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;
}
