using CommandCenter.Core.EventLog;

namespace CommandCenter.Infrastructure.Projection;

/// <summary>One consistent reading of the projector, for /healthz and operations screens.</summary>
public sealed record ProjectorStatusSnapshot(
    bool IsLeader,
    string? LeaseHolder,
    long AppliedCount,
    long RejectedCount,
    long DuplicateCount,
    long DeadLettered,
    string? LastAppliedId,
    LogPosition? Checkpoint,
    DateTimeOffset? LastCommitAt,
    string? LastError,
    DateTimeOffset? LastErrorAt)
{
    public static readonly ProjectorStatusSnapshot Initial = new(false, null, 0, 0, 0, 0, null, null, null, null, null);
}

/// <summary>
/// The projector's status, shared as a singleton. Writers swap in a whole new snapshot, so readers on other threads
/// never see half an update.
/// </summary>
public sealed class ProjectorStatus
{
    private ProjectorStatusSnapshot _current = ProjectorStatusSnapshot.Initial;

    public ProjectorStatusSnapshot Current => Volatile.Read(ref _current);

    public bool IsLeader => Current.IsLeader;
    public string? LeaseHolder => Current.LeaseHolder;
    public long AppliedCount => Current.AppliedCount;
    public long RejectedCount => Current.RejectedCount;
    public long DuplicateCount => Current.DuplicateCount;
    public long DeadLettered => Current.DeadLettered;
    public string? LastAppliedId => Current.LastAppliedId;
    public LogPosition? Checkpoint => Current.Checkpoint;
    public string? LastError => Current.LastError;

    public void Update(Func<ProjectorStatusSnapshot, ProjectorStatusSnapshot> change)
    {
        while (true)
        {
            var before = Current;
            if (Interlocked.CompareExchange(ref _current, change(before), before) == before)
                return;
        }
    }

    public void RecordError(Exception error, DateTimeOffset at) =>
        Update(s => s with { LastError = $"{error.GetType().Name}: {error.Message}", LastErrorAt = at });
}
