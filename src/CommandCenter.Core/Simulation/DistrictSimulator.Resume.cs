using CommandCenter.Core.Events;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Simulation;

public sealed partial class DistrictSimulator
{
    /// <summary>
    /// Takes over the open work of <paramref name="state"/> (what an earlier run, or anyone, left in the log):
    /// busy and off-duty teams are not sent again, and open items are carried on to their end, a step at a time
    /// from <paramref name="now"/>. Without this a restarted simulator would dispatch teams the log says are busy.
    /// Call it before the first <see cref="Next"/>; it adopts no more than the active-item cap.
    /// </summary>
    public void Resume(DistrictState state, DateTimeOffset now)
    {
        foreach (var team in state.Teams.Values)
        {
            if (!_teams.TryGetValue(team.Id, out var slot)) continue;
            slot.Busy = team.ActiveDispatchId is not null;
            slot.OffDuty = team.Status == TeamStatus.OffDuty && team.ActiveDispatchId is null;
            if (slot.OffDuty && HasRoom)
            {
                var back = Delay(60, 900);
                Schedule(new Item(team.Street).Then(back, new TeamStatusChanged(team.Id, TeamStatus.Available, "恢复执勤"), () => slot.OffDuty = false),
                    now + back);
            }
        }

        foreach (var dispatch in Ordered(state.Dispatches.Values.Where(d => d.IsActive && _teams.ContainsKey(d.TeamId)), d => d.UpdatedAt, d => d.Id))
            if (HasRoom) Adopt(dispatch, now);
        foreach (var whistle in Ordered(state.Whistles.Values.Where(w => w.IsActive || w.Status == WhistleStatus.Closed), w => w.UpdatedAt, w => w.Id))
            if (HasRoom) Adopt(whistle, now);
        foreach (var incident in Ordered(state.Incidents.Values.Where(i => i.IsOpen), i => i.UpdatedAt, i => i.Id))
            if (HasRoom) Adopt(incident, now);
        foreach (var ticket in Ordered(state.Tickets.Values.Where(t => t.Status != TicketStatus.Evaluated && !LeftUnrated(t, now)), t => t.UpdatedAt, t => t.Id))
            if (HasRoom) Adopt(ticket, now);
    }

    private bool HasRoom => _queue.Count < _settings.MaxActiveItems;

    /// <summary>
    /// A ticket closed days ago and never rated: the citizen was not reached at the call-back and will not rate it now.
    /// A generated history leaves one closed ticket in ten so; taking them all over would spend the first hours rating them.
    /// </summary>
    private static bool LeftUnrated(Ticket ticket, DateTimeOffset now) =>
        ticket is { Status: TicketStatus.Closed, ClosedAt: { } closed } && now - closed > UnratedAfter;

    private static readonly TimeSpan UnratedAfter = TimeSpan.FromDays(2);

    private static IEnumerable<T> Ordered<T>(IEnumerable<T> items, Func<T, DateTimeOffset> time, Func<T, Guid> id) =>
        items.OrderBy(time).ThenBy(id);

    private void Adopt(Dispatch dispatch, DateTimeOffset now)
    {
        var team = _teams[dispatch.TeamId];
        team.Busy = true;
        var outcomes = SimulationCatalog.DispatchOutcomes.GetValueOrDefault(team.Team.Kind) ?? SimulationCatalog.DispatchOutcomes["chengguan-squad"];
        var item = new Item(dispatch.Street);
        if (dispatch.Status is DispatchStatus.Created or DispatchStatus.Acknowledged)
            item.Then(Delay(10, 60), new DispatchEnRoute(dispatch.Id));
        if (dispatch.Status is not DispatchStatus.OnScene)
            item.Then(Delay(60, 240), new DispatchOnScene(dispatch.Id));
        item.Then(Delay(60, 300), new DispatchCompleted(dispatch.Id, Pick(outcomes)), () => team.Busy = false);
        Schedule(item, now + item.Steps.Peek().After);
    }

    private void Adopt(Whistle whistle, DateTimeOffset now)
    {
        var item = new Item(whistle.Street);
        if (whistle.Status == WhistleStatus.Blown)
        {
            var waiting = whistle.Departments.Where(d => d.ReportedAt is null).ToList();
            var reporting = waiting.Where(_ => Chance(0.8)).ToList();
            if (reporting.Count == 0 && whistle.Departments.All(d => d.ReportedAt is null))
                reporting.Add(waiting[0]);
            foreach (var department in reporting)
                item.Then(Delay(30, 240), new WhistleDepartmentReported(whistle.Id, department.Department, Pick(SimulationCatalog.ReportNotes)));
            item.Then(Delay(60, 300), new WhistleResolved(whistle.Id, Pick(SimulationCatalog.WhistleFeedbacks)));
        }
        if (whistle.Status is WhistleStatus.Blown or WhistleStatus.Resolved)
            item.Then(Delay(60, 300), new WhistleClosed(whistle.Id, "街道核实，问题已解决，结项"));
        var ratings = whistle.Departments
            .Select(d => new DepartmentRating(d.Department, Score(d.ReportedAt is null ? Arrival.Never : d.ReportedAt > whistle.ReportDueAt || d.Missed ? Arrival.Late : Arrival.OnTime)))
            .ToList();
        item.Then(Delay(60, 300), new WhistleEvaluated(whistle.Id, ratings));
        Schedule(item, now + item.Steps.Peek().After);
    }

    private void Adopt(Incident incident, DateTimeOffset now)
    {
        var kind = SimulationCatalog.Incidents.FirstOrDefault(k => k.Category == incident.Category)
            ?? new SimulationCatalog.IncidentKind(incident.Category, incident.Body ?? "city-management", null, false, [incident.Title], ["已处置完毕"]);
        var open = new OpenIncident(incident.Id, incident.Title, kind.TeamKind);
        var opened = _openIncidents[incident.Street];
        opened.Add(open);

        var item = new Item(incident.Street);
        if (incident.Status == IncidentStatus.Reported)
            item.Then(Delay(10, 60), new IncidentAccepted(incident.Id, "指挥中心已受理"));
        if (incident.Status is IncidentStatus.Reported or IncidentStatus.Accepted or IncidentStatus.Reopened)
            ThenHandle(item, incident.Id, kind);
        if (incident.Status == IncidentStatus.Assigned)
            item.Then(Delay(60, 300), new IncidentResolved(incident.Id, Pick(kind.Outcomes)));
        if (incident.Status != IncidentStatus.Verified)
            item.Then(Delay(30, 150), new IncidentVerified(incident.Id, "网格员复核，现场已整改"));
        item.Then(Delay(20, 90), new IncidentClosed(incident.Id, "核查通过，结案"), () => opened.Remove(open));
        Schedule(item, now + item.Steps.Peek().After);
    }

    private void Adopt(Ticket ticket, DateTimeOffset now)
    {
        var kind = SimulationCatalog.Tickets.FirstOrDefault(k => k.Category == ticket.Category)
            ?? new SimulationCatalog.TicketKind(ticket.Category, ticket.Body ?? "citizen-service", [ticket.Content], ["已办理完毕。"]);
        var item = new Item(ticket.Street);
        switch (ticket.Status)
        {
            case TicketStatus.Received or TicketStatus.Reopened:
                ThenAnswer(item, ticket.Id, kind);
                ThenConclude(item, ticket.Id, FirstSatisfaction());
                break;
            case TicketStatus.Assigned:
                item.Then(Delay(60, 360), new TicketFeedback(ticket.Id, Pick(kind.Feedbacks)));
                ThenConclude(item, ticket.Id, FirstSatisfaction());
                break;
            case TicketStatus.Answered:
                ThenConclude(item, ticket.Id, FirstSatisfaction());
                break;
            case TicketStatus.Verified:
                item.Then(Delay(10, 60), new TicketClosed(ticket.Id, "办结"))
                    .Then(Delay(30, 300), new TicketEvaluated(ticket.Id, FirstSatisfaction()));
                break;
            default:
                item.Then(Delay(30, 300), new TicketEvaluated(ticket.Id, FirstSatisfaction()));
                break;
        }
        Schedule(item, now + item.Steps.Peek().After);
    }
}
