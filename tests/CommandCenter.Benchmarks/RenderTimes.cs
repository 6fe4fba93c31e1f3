using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CommandCenter.Benchmarks;

/// <summary>
/// Where a live render's time goes on the server, from the app's own histograms while the latency benchmark runs: the
/// shared wall view's build (<c>cc.wall.build.duration</c>) and the framework's component metrics (rendering and
/// diffing, <c>aspnetcore.components.*</c>). Printed beside (e) so a slow DOM figure says which side it came from.
/// </summary>
internal sealed class RenderTimes : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _values = new();

    public RenderTimes()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "CommandCenter" || instrument.Meter.Name.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Unit == "s" && instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal))
                _values.GetOrAdd(instrument.Name, _ => []).Add(value * 1000);
        });
        _listener.Start();
    }

    public void Print()
    {
        foreach (var (name, bag) in _values.OrderBy(kv => kv.Key))
        {
            var sorted = bag.Order().ToList();
            if (sorted.Count == 0) continue;
            Console.WriteLine($"    {name}: n {sorted.Count}, p50 {sorted[sorted.Count / 2]:F1} ms, p99 {sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * 0.99))]:F1} ms");
        }
    }

    public void Dispose() => _listener.Dispose();
}
