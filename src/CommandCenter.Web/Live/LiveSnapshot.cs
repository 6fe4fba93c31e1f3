using System.Collections.Immutable;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.State;

namespace CommandCenter.Web.Live;

/// <summary>
/// One immutable picture of the district as this instance sees it: shared by every screen, never copied.
/// </summary>
/// <param name="Position">The last log position read (applied, rejected or skipped alike).</param>
/// <param name="LastEventId">Envelope id of the last applied event.</param>
/// <param name="LastOccurredAt">The producer's time of the last applied event (for tail lag).</param>
/// <param name="LastReceivedAt">Server time when entries last arrived (or when the snapshot was loaded): the data's "as of".</param>
/// <param name="Recent">The latest applied envelopes, newest first, at most <see cref="RecentCapacity"/>.</param>
public sealed record LiveSnapshot(
    DistrictState State,
    LogPosition Position,
    string? LastEventId,
    DateTimeOffset? LastOccurredAt,
    DateTimeOffset? LastReceivedAt,
    ImmutableArray<EventEnvelope> Recent,
    bool IsHydrated,
    long Version)
{
    public const int RecentCapacity = 50;

    /// <summary>Before the database snapshot has loaded: nothing known, nothing fresh.</summary>
    public static readonly LiveSnapshot Empty = new(DistrictState.Empty, LogPosition.Start, null, null, null, [], false, 0);
}
