using CommandCenter.Core.EventLog;

namespace CommandCenter.Infrastructure.Simulation;

/// <summary>
/// Whether the start-up history (<see cref="HistoryBackfillService"/>) has settled: the backfill appended to a fresh log,
/// or the past already in the log, is projected (or the service gave up). Until then the live simulator does not start
/// (it takes over the work the history left open, which it can only see once projected) and the deadline watcher does
/// not judge (a state still loading the past holds work whose closing is further down the log, and would be marked
/// missed at today's time).
/// </summary>
public sealed class BackfillProgress
{
    private readonly TaskCompletionSource<LogPosition?> _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsSettled => _settled.Task.IsCompleted;

    /// <summary>Completes with the position of the last entry backfilled, or null when nothing was (the log was not fresh).</summary>
    public Task<LogPosition?> WaitAsync(CancellationToken ct = default) => _settled.Task.WaitAsync(ct);

    internal void Settle(LogPosition? last) => _settled.TrySetResult(last);
}
