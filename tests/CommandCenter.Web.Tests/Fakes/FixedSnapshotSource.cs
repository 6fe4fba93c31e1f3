using CommandCenter.Core.EventLog;
using CommandCenter.Core.Projection;
using CommandCenter.Core.State;

namespace CommandCenter.Web.Tests.Fakes;

/// <summary>Hands out one given snapshot; <see cref="FailuresLeft"/> loads fail first, to test retries.</summary>
internal sealed class FixedSnapshotSource(DistrictState state, LogPosition checkpoint) : IStateSnapshotSource
{
    public FixedSnapshotSource() : this(DistrictState.Empty, LogPosition.Start) { }

    public int FailuresLeft { get; set; }

    public Task<StateSnapshot> LoadAsync(CancellationToken ct = default)
    {
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new IOException("the database is unreachable (test)");
        }
        return Task.FromResult(new StateSnapshot(state, checkpoint));
    }

    public Task<LogPosition> CheckpointAsync(CancellationToken ct = default) => Task.FromResult(checkpoint);
}
