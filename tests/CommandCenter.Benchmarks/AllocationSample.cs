using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace CommandCenter.Benchmarks;

/// <summary>
/// Which types the process allocates while a benchmark runs, from the runtime's own allocation sampling (the
/// <c>GCAllocationTick</c> event, raised about once per 100 KB allocated, carrying the type of the object that crossed
/// the mark). Sampled, so a type's share is an estimate; printed with <c>CC_BENCH_ALLOCATIONS=1</c>.
/// </summary>
internal sealed class AllocationSample : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new();
    private long _total;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
        var name = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a]) : 100_000;
        _bytes.AddOrUpdate(name, amount, (_, sum) => sum + amount);
        Interlocked.Add(ref _total, amount);
    }

    public void Print(int top, double seconds)
    {
        Console.WriteLine($"    allocated (sampled): {Interlocked.Read(ref _total) / 1e6 / seconds:F0} MB/s; largest shares:");
        foreach (var (name, bytes) in _bytes.OrderByDescending(kv => kv.Value).Take(top))
            Console.WriteLine($"      {100.0 * bytes / Math.Max(1, Interlocked.Read(ref _total)):F1} %  {name}");
    }
}
