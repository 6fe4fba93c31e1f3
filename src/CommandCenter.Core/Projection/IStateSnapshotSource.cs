using CommandCenter.Core.EventLog;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Projection;

/// <summary>The projector's last committed state and the log position it covers: where every live state starts.</summary>
public sealed record StateSnapshot(DistrictState State, LogPosition Checkpoint);

/// <summary>Loads the persisted snapshot (the database in every mode).</summary>
public interface IStateSnapshotSource
{
    Task<StateSnapshot> LoadAsync(CancellationToken ct = default);

    /// <summary>Only the committed checkpoint: a cheap question, asked while waiting for the database to catch up.</summary>
    Task<LogPosition> CheckpointAsync(CancellationToken ct = default);
}
