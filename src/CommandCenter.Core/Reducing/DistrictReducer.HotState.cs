using System.Collections.Immutable;
using CommandCenter.Core.Events;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Reducing;

/// <summary>
/// What keeps the state a *hot* state (docs/decisions/0010): the rollups and open-item indexes follow every applied
/// change, and the leader's <c>log.archived</c> notice removes items closed before its cut-off. An event about an item
/// archived that way finds no such item and is rejected as for an unknown one ("… does not exist …"); the history keeps
/// it, and the item's row stays in the database as it was last written.
/// </summary>
public sealed partial class DistrictReducer
{
    /// <summary>The rollups and open indexes after <paramref name="result"/>, from each changed ticket's and incident's before and after.</summary>
    private DistrictState Indexed(DistrictState before, Reduction result)
    {
        var state = result.State;
        var rollups = state.Rollups;
        var openIncidents = state.OpenIncidents;
        var openTickets = state.OpenTickets;
        foreach (var key in result.Changed)
        {
            switch (key.Kind)
            {
                case EntityKind.Ticket:
                    var ticketId = Guid.Parse(key.Id);
                    var ticket = state.Tickets[ticketId];
                    rollups = rollups.Count(key.Kind, before.Tickets.GetValueOrDefault(ticketId), ticket, StreetIndex(ticket.Street));
                    openTickets = ticket.IsOpen ? openTickets.Add(ticketId) : openTickets.Remove(ticketId);
                    break;
                case EntityKind.Incident:
                    var incidentId = Guid.Parse(key.Id);
                    var incident = state.Incidents[incidentId];
                    rollups = rollups.Count(key.Kind, before.Incidents.GetValueOrDefault(incidentId), incident, StreetIndex(incident.Street));
                    openIncidents = incident.IsOpen ? openIncidents.Add(incidentId) : openIncidents.Remove(incidentId);
                    break;
            }
        }
        return state with { Rollups = rollups, OpenIncidents = openIncidents, OpenTickets = openTickets };
    }

    private int StreetIndex(string street) => district.StreetIndex(street);

    /// <summary>Items closed before the notice's cut-off leave the hot state; rollups keep the days around its "now".</summary>
    private static DistrictState Archive(DistrictState state, LogArchived notice)
    {
        var cutoff = notice.ClosedBefore;
        return state with
        {
            Incidents = Without(state.Incidents, i => !i.IsOpen && i.ClosedAt is { } at && at < cutoff),
            Tickets = Without(state.Tickets, t => !t.IsOpen && t.ClosedAt is { } at && at < cutoff),
            Whistles = Without(state.Whistles, w => !w.IsActive && (w.ClosedAt ?? w.UpdatedAt) < cutoff),
            Dispatches = Without(state.Dispatches, d => !d.IsActive && (d.EndedAt ?? d.UpdatedAt) < cutoff),
            Rollups = state.Rollups.Prune(notice.Now),
        };
    }

    private static ImmutableDictionary<Guid, T> Without<T>(ImmutableDictionary<Guid, T> items, Func<T, bool> archived)
    {
        var gone = items.Where(pair => archived(pair.Value)).Select(pair => pair.Key).ToList();
        return gone.Count == 0 ? items : items.RemoveRange(gone);
    }
}
