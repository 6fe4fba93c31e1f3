using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using Microsoft.Extensions.Options;

namespace CommandCenter.Infrastructure.Projection;

/// <summary>
/// A seam for fault injection, so the fault suite (<c>tests/faults.sh</c>) can make the projector die at the one moment
/// that matters (a batch in flight, before its commit) instead of racing a kill -9 against it. Off unless configured.
/// </summary>
public interface IProjectorFaults
{
    static readonly IProjectorFaults None = new NoFaults();

    /// <summary>
    /// Called right before a commit with the entries the reducer processed in it (not those dead-lettered): a poison
    /// entry kills the process while it is processed, never once it is set aside. May end the process.
    /// </summary>
    void BeforeCommit(IReadOnlyList<LogEntry> reduced);

    private sealed class NoFaults : IProjectorFaults
    {
        public void BeforeCommit(IReadOnlyList<LogEntry> reduced) { }
    }
}

/// <summary>Section <c>Faults</c>: for the fault suite only; nothing here is set in any deployment.</summary>
public sealed class FaultOptions
{
    public const string Section = "Faults";

    /// <summary>Ends the process (as kill -9 would) before committing any batch.</summary>
    public bool CrashBeforeCommit { get; set; }

    /// <summary>Ends the process before committing any batch that holds this envelope id: a poison entry.</summary>
    public string? CrashOnEnvelopeId { get; set; }

    public bool Any => CrashBeforeCommit || !string.IsNullOrEmpty(CrashOnEnvelopeId);
}

/// <summary>The configured faults, ending the process with <see cref="Environment.FailFast(string)"/> (no cleanup, no flush).</summary>
public sealed class ProcessFaults(IOptions<FaultOptions> options) : IProjectorFaults
{
    public void BeforeCommit(IReadOnlyList<LogEntry> reduced)
    {
        var batch = reduced;
        if (batch.Count == 0) return;
        var faults = options.Value;
        if (faults.CrashBeforeCommit
            || faults.CrashOnEnvelopeId is { Length: > 0 } id && batch.Any(e => e.Fields.TryGetValue(EnvelopeFields.Id, out var entryId) && entryId == id))
            Environment.FailFast($"fault injection: the projector dies before committing {batch.Count} entries from {batch[0].Position}");
    }
}

/// <summary>Thrown by test fault seams to stand for the process dying: nothing after it runs, nothing is retried.</summary>
public sealed class SimulatedCrashException() : Exception("simulated crash");
