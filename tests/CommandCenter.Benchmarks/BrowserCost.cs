using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace CommandCenter.Benchmarks;

/// <summary>
/// What the wall costs the browser while the latency benchmark runs, from Chromium's own counters (the DevTools
/// protocol's <c>Performance.getMetrics</c>): seconds of the renderer's main thread spent in tasks, script, layout and
/// style over the run. With <c>CC_BENCH_TRACE=FILE</c> it also records a DevTools timeline trace of the run into FILE
/// (Chrome's trace-event JSON, for chrome://tracing or Perfetto), where the compositor and raster threads show too.
/// </summary>
internal sealed class BrowserCost
{
    private static readonly string[] Shown = ["TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration"];

    private readonly ICDPSession _cdp;
    private readonly Dictionary<string, double> _before;
    private readonly string? _tracePath;
    private readonly StringBuilder _trace = new("[");
    private readonly TaskCompletionSource _traceDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BrowserCost(ICDPSession cdp, Dictionary<string, double> before, string? tracePath)
    {
        _cdp = cdp;
        _before = before;
        _tracePath = tracePath;
    }

    public static async Task<BrowserCost> StartAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Performance.enable");
        var cost = new BrowserCost(cdp, await MetricsAsync(cdp), Environment.GetEnvironmentVariable("CC_BENCH_TRACE"));
        if (cost._tracePath is not null)
        {
            cdp.Event("Tracing.dataCollected").OnEvent += (_, e) =>
            {
                lock (cost._trace)
                    foreach (var item in e!.Value.GetProperty("value").EnumerateArray())
                        cost._trace.Append(item.GetRawText()).Append(",\n");
            };
            cdp.Event("Tracing.tracingComplete").OnEvent += (_, _) => cost._traceDone.TrySetResult();
            await cdp.SendAsync("Tracing.start", new Dictionary<string, object>
            {
                ["categories"] = "devtools.timeline,disabled-by-default-devtools.timeline,toplevel",
                ["transferMode"] = "ReportEvents",
            });
        }
        return cost;
    }

    /// <summary>Prints the main thread's seconds since the start, and writes the trace when one was asked for.</summary>
    public async Task PrintAsync()
    {
        var after = await MetricsAsync(_cdp);
        Console.WriteLine("    browser main thread, s: " + string.Join(", ",
            Shown.Select(name => $"{name.Replace("Duration", "", StringComparison.Ordinal).ToLowerInvariant()} {after.GetValueOrDefault(name) - _before.GetValueOrDefault(name):F1}")));
        if (_tracePath is null) return;
        await _cdp.SendAsync("Tracing.end");
        await _traceDone.Task.WaitAsync(TimeSpan.FromMinutes(1));
        lock (_trace)
            File.WriteAllText(_tracePath, _trace.Append("{}]").ToString());
        Console.WriteLine($"    browser trace: {_tracePath}");
    }

    private static async Task<Dictionary<string, double>> MetricsAsync(ICDPSession cdp)
    {
        var metrics = await cdp.SendAsync("Performance.getMetrics");
        return metrics!.Value.GetProperty("metrics").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
    }
}
