namespace CommandCenter.Benchmarks;

/// <summary>
/// The slowest XADD → DOM samples of a run beside what overlapped them: this process's garbage-collection pauses
/// (<see cref="GcPauses"/>) and the browser's long tasks (over 50 ms on its main thread). Printed with
/// <c>CC_BENCH_TAIL=1</c>, so a p99 says which side its slowest events waited on.
/// </summary>
internal static class LatencyTail
{
    /// <param name="samples">Each drawn sample: when it was sent, applied to live state and its row appeared (Unix ms).</param>
    /// <param name="messages">When the browser received each WebSocket message (Unix ms).</param>
    /// <param name="longTasks">The browser's long tasks: start (Unix ms) and duration (ms).</param>
    public static void Print(IReadOnlyList<(double Sent, double Applied, double Published, double Seen)> samples, IReadOnlyCollection<(double Start, double End, int Generation)> pauses,
        IReadOnlyList<(double Start, double Duration)> longTasks, IReadOnlyList<double> messages, int top = 12)
    {
        if (samples.Count == 0) return;
        var origin = samples.Min(s => s.Sent);
        Console.WriteLine($"    slowest samples (t = seconds into the run; GC pauses of this process and browser long tasks inside the wait):");
        foreach (var (sent, applied, published, seen) in samples.OrderByDescending(s => s.Seen - s.Sent).Take(top))
        {
            var gc = pauses.Where(p => p.End > sent && p.Start < seen).Select(p => $"gen{p.Generation} {p.End - p.Start:F0} ms");
            var browser = longTasks.Where(l => l.Start + l.Duration > sent && l.Start < seen).Select(l => $"{l.Duration:F0} ms");
            var received = messages.Where(m => m > published && m <= seen).DefaultIfEmpty(double.NaN).First();
            Console.WriteLine($"      t {(sent - origin) / 1000:F2} s: {seen - sent:F0} ms (live state +{applied - sent:F0}, wall view +{published - sent:F0}, " +
                $"next message received +{received - sent:F0}); GC [{string.Join(", ", gc)}]; browser long tasks [{string.Join(", ", browser)}]");
        }
        Console.WriteLine($"    GC pauses in the run: {string.Join(", ", pauses.Where(p => p.End >= origin).Select(p => $"t {(p.Start - origin) / 1000:F1} s gen{p.Generation} {p.End - p.Start:F0} ms"))}");
    }
}
