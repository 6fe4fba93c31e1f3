using System.Collections.Immutable;

namespace CommandCenter.Core.State;

/// <summary>
/// Everything the reducer knows, as one immutable value. The projector and every live state hold one; given the same
/// log they hold equal ones. It is the district's *hot* state: open items and items closed within the retention
/// (older closed ones leave it on the leader's <c>log.archived</c> notice and stay in the database), the idempotency
/// window, the daily rollups and the ids of the open incidents and tickets — all bounded, whatever the history.
/// </summary>
/// <param name="OpenIncidents">Ids of the incidents not closed, so walls count open and overdue work without a walk.</param>
/// <param name="OpenTickets">Ids of the tickets not closed or evaluated, likewise.</param>
public sealed record DistrictState(
    ImmutableDictionary<Guid, Incident> Incidents,
    ImmutableDictionary<Guid, Ticket> Tickets,
    ImmutableDictionary<Guid, Whistle> Whistles,
    ImmutableDictionary<Guid, Dispatch> Dispatches,
    ImmutableDictionary<string, TeamState> Teams,
    RecentIds Recent,
    long AppliedCount,
    DistrictRollups Rollups,
    ImmutableHashSet<Guid> OpenIncidents,
    ImmutableHashSet<Guid> OpenTickets)
{
    /// <summary>
    /// The version of the reducer's rules the next event is reduced by: 1 for a log that never adopted newer rules, raised
    /// only by the leader's <c>log.rules-adopted</c> notice (docs/decisions/0015), so a replay reduces each event by the
    /// rules it was first reduced by.
    /// </summary>
    public int Rules { get; init; } = 1;

    public static readonly DistrictState Empty = new(
        ImmutableDictionary<Guid, Incident>.Empty,
        ImmutableDictionary<Guid, Ticket>.Empty,
        ImmutableDictionary<Guid, Whistle>.Empty,
        ImmutableDictionary<Guid, Dispatch>.Empty,
        ImmutableDictionary<string, TeamState>.Empty,
        RecentIds.Empty,
        0,
        DistrictRollups.Empty,
        [],
        []);
}
