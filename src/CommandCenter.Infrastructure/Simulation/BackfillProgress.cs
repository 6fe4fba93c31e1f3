using CommandCenter.Core.EventLog;

namespace CommandCenter.Infrastructure.Simulation;

/// <summary>
/// Whether the start-up backfill (<see cref="HistoryBackfillService"/>) has settled: found the log not fresh, or
/// appended its history and seen it projected, or given up. Until then the live simulator does not start (it takes
/// over the work the history left open) and the deadline watcher does not judge (a state still loading the history
/// holds work whose closing is further down the log, and would be marked missed at today's time).
/// </summary>
public sealed class BackfillProgress
{
    private readonly TaskCompletionSource<LogPosition?> _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsSettled => _settled.Task.IsCompleted;

    /// <summary>Completes with the position of the last entry backfilled, or null when nothing was.</summary>
    public Task<LogPosition?> WaitAsync(CancellationToken ct = default) => _settled.Task.WaitAsync(ct);

    internal void Settle(LogPosition? last) => _settled.TrySetResult(last);
}
