using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Projection;

namespace CommandCenter.Infrastructure.Tests.Support;

/// <summary>
/// Stands for the process dying right before a commit: throws <see cref="SimulatedCrashException"/>, after which a test
/// drops the projector (as the process would be gone) and starts a new one. Shared across projectors of one test.
/// </summary>
public sealed class CrashingFaults(Func<IReadOnlyList<LogEntry>, bool> crashWhen, int times = int.MaxValue) : IProjectorFaults
{
    public int Crashes { get; private set; }

    /// <summary>Dies before committing any batch, <paramref name="times"/> times.</summary>
    public static CrashingFaults BeforeEveryCommit(int times) => new(_ => true, times);

    /// <summary>Dies before committing any batch that holds this envelope: a poison entry.</summary>
    public static CrashingFaults OnEnvelope(string id) =>
        new(batch => batch.Any(e => e.Fields.TryGetValue(EnvelopeFields.Id, out var entryId) && entryId == id));

    public void BeforeCommit(IReadOnlyList<LogEntry> batch)
    {
        if (Crashes >= times || !crashWhen(batch)) return;
        Crashes++;
        throw new SimulatedCrashException();
    }
}
