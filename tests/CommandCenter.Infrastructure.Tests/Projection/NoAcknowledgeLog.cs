using CommandCenter.Core.EventLog;

namespace CommandCenter.Infrastructure.Tests.Projection;

/// <summary>A log whose acknowledgements are lost: the process "dies" right after its commit.</summary>
public sealed class NoAcknowledgeLog(IEventLog inner) : DelegatingLog(inner)
{
    public int DroppedAcknowledgements { get; private set; }

    public override Task AcknowledgeAsync(string group, IReadOnlyList<LogPosition> positions, CancellationToken ct = default)
    {
        DroppedAcknowledgements += positions.Count;
        return Task.CompletedTask;
    }
}
