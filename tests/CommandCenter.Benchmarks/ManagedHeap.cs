using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Diagnostics.NETCore.Client;

namespace CommandCenter.Benchmarks;

/// <summary>
/// The live managed heap of another process: a full blocking collection induced through the runtime's diagnostics
/// port (an EventPipe session with the runtime provider's GCHeapCollect keyword, the way dotnet-gcdump does it), then
/// the heap size after that collection as the app's <c>/metrics</c> reports it (the System.Runtime meter's
/// <c>dotnet.gc.last_collection.heap.size</c>, summed over generations). RSS alone also counts the collector's slack,
/// which with the server collector is most of what 50 circuits seem to add.
/// </summary>
internal static partial class ManagedHeap
{
    private const long GcHeapCollectKeyword = 0x800000;

    /// <summary>Bytes of the managed heap after a full collection in process <paramref name="pid"/>.</summary>
    public static async Task<long> LiveBytesAsync(int pid, int port)
    {
        var client = new DiagnosticsClient(pid);
        using (var session = client.StartEventPipeSession(
                   [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcHeapCollectKeyword)], requestRundown: false))
        {
            // The collection runs when the session starts; drain the stream briefly so the runtime is not blocked writing it.
            using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                await session.EventStream.CopyToAsync(Stream.Null, drain.Token);
            }
            catch (OperationCanceledException)
            {
            }
            session.Stop();
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var metrics = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
        var bytes = HeapSize().Matches(metrics).Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        return bytes > 0 ? (long)bytes : throw new InvalidOperationException("the app's /metrics has no dotnet_gc_last_collection_heap_size_bytes");
    }

    [GeneratedRegex(@"^dotnet_gc_last_collection_heap_size_bytes\{[^}]*\} ([0-9.e+]+)", RegexOptions.Multiline)]
    private static partial Regex HeapSize();
}
