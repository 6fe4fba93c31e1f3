using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace CommandCenter.Benchmarks;

/// <summary>
/// When this process's garbage collections paused its threads, from the runtime's own events (the pause runs from
/// <c>GCSuspendEEBegin</c> to <c>GCRestartEEEnd</c>), as Unix milliseconds on the system clock the latency samples use.
/// Read by <see cref="LatencyTail"/> to tell which of the slowest samples a pause fell into.
/// </summary>
internal sealed class GcPauses : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentQueue<(double Start, double End, int Generation)> _pauses = new();
    private double _suspendedAt = double.NaN;
    private int _generation = -1;

    public IReadOnlyCollection<(double Start, double End, int Generation)> Pauses => _pauses;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Informational, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        var at = (e.TimeStamp.ToUniversalTime() - DateTime.UnixEpoch).TotalMilliseconds;
        switch (e.EventName)
        {
            case { } name when name.StartsWith("GCSuspendEEBegin", StringComparison.Ordinal):
                _suspendedAt = at;
                break;
            case { } name when name.StartsWith("GCStart", StringComparison.Ordinal) && e.PayloadNames!.IndexOf("Depth") is var d and >= 0:
                _generation = Convert.ToInt32(e.Payload![d]);
                break;
            case { } name when name.StartsWith("GCRestartEEEnd", StringComparison.Ordinal) && !double.IsNaN(_suspendedAt):
                _pauses.Enqueue((_suspendedAt, at, _generation));
                _suspendedAt = double.NaN;
                break;
        }
    }
}
