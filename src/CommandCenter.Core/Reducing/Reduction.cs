using System.Collections.Immutable;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Reducing;

/// <summary>
/// What applying one envelope did. <see cref="Notice"/>: a pipeline notice in the log (<c>log.*</c>), which changes
/// nothing in the state.
/// </summary>
public enum OutcomeKind { Applied, Rejected, Duplicate, Notice }

public enum EntityKind { Incident, Ticket, Whistle, Dispatch, Team }

/// <summary>An entity the reducer changed: what the projector writes back as a snapshot.</summary>
public readonly record struct EntityKey(EntityKind Kind, string Id);

/// <summary>
/// The result of applying one event: the next state, what happened, and which entities changed.
/// A rejection leaves the state as it was, except that its id counts as seen (a re-sent copy is a duplicate).
/// </summary>
public sealed record Reduction(DistrictState State, OutcomeKind Outcome, string? Reason, ImmutableArray<EntityKey> Changed)
{
    public bool IsApplied => Outcome == OutcomeKind.Applied;

    /// <summary>The kind of rule that refused a <see cref="OutcomeKind.Rejected"/> event, which screens map to their own
    /// words (never <see cref="Reason"/>); <see cref="RejectionCode.None"/> for every other outcome.</summary>
    public RejectionCode Code { get; init; }
}
