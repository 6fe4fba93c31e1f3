using CommandCenter.Core.Events;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Deadlines;

/// <summary>
/// Which deadlines have passed and are not yet recorded as missed: what the leader's deadline watcher appends as
/// <c>deadline.missed</c> (docs/events.md), so timers replay exactly. Pure: the state and the clock decide.
/// </summary>
public static class MissedDeadlines
{
    /// <summary>Open incidents and tickets past their due time, and summoned departments that have not reported in to a
    /// blown whistle by its report-in deadline; each once per deadline.</summary>
    public static IEnumerable<(DeadlineMissed Miss, string Street)> Find(DistrictState state, DateTimeOffset now)
    {
        foreach (var incident in state.Incidents.Values)
        {
            if (incident is { IsOpen: true, DeadlineMissed: false, DueAt: { } due } && Overdue.IsPast(due, now))
                yield return (new DeadlineMissed(DeadlineKind.Incident, incident.Id, due), incident.Street);
        }
        foreach (var ticket in state.Tickets.Values)
        {
            if (ticket is { IsOpen: true, DeadlineMissed: false } && Overdue.IsPast(ticket.DueAt, now))
                yield return (new DeadlineMissed(DeadlineKind.Ticket, ticket.Id, ticket.DueAt), ticket.Street);
        }
        foreach (var whistle in state.Whistles.Values)
        {
            if (whistle.Status != WhistleStatus.Blown || !Overdue.IsPast(whistle.ReportDueAt, now))
                continue;
            foreach (var department in whistle.Departments.Where(d => d.ReportedAt is null && !d.HasMissed(whistle.ReportDueAt)))
                yield return (new DeadlineMissed(DeadlineKind.WhistleReport, whistle.Id, whistle.ReportDueAt, department.Department), whistle.Street);
        }
    }

    /// <summary>The miss's own id: the same miss always gets the same id.</summary>
    public static Guid IdOf(DeadlineMissed miss) =>
        NameBasedId.From($"deadline.missed|{miss.Kind}|{miss.EntityId}|{miss.DueAt.UtcTicks}|{miss.Department}");
}
