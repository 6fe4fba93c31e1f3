using System.Collections.Immutable;

namespace CommandCenter.Core.State;

/// <summary>
/// Everything the reducer knows, as one immutable value. The projector and every live state hold one;
/// given the same log they hold equal ones.
/// </summary>
public sealed record DistrictState(
    ImmutableDictionary<Guid, Incident> Incidents,
    ImmutableDictionary<Guid, Ticket> Tickets,
    ImmutableDictionary<Guid, Whistle> Whistles,
    ImmutableDictionary<Guid, Dispatch> Dispatches,
    ImmutableDictionary<string, TeamState> Teams,
    RecentIds Recent,
    long AppliedCount)
{
    public static readonly DistrictState Empty = new(
        ImmutableDictionary<Guid, Incident>.Empty,
        ImmutableDictionary<Guid, Ticket>.Empty,
        ImmutableDictionary<Guid, Whistle>.Empty,
        ImmutableDictionary<Guid, Dispatch>.Empty,
        ImmutableDictionary<string, TeamState>.Empty,
        RecentIds.Empty,
        0);
}
