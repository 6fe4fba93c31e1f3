using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Kiosk;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StackExchange.Redis;

namespace CommandCenter.Benchmarks;

/// <summary>
/// (d) XADD → applied to this instance's live state, for every event, and (e) XADD → row in the wall's DOM in
/// headless Chromium, for sampled events, while events flow at a steady rate. Each event's send time is taken just
/// before its XADD; the browser stamps a row's first appearance with a MutationObserver on the same system clock.
/// The ticker shows only the latest 50 rows, so at 1,000/s not every sample is ever drawn: the report counts those seen.
/// </summary>
internal static class LiveLatency
{
    private const string ObserveRows = """
        window.__seen = {};
        new MutationObserver(records => {
          const now = Date.now();
          for (const r of records) for (const n of r.addedNodes) {
            if (n.nodeType !== 1) continue;
            const rows = n.matches('[data-event-id]') ? [n] : n.querySelectorAll('[data-event-id]');
            for (const row of rows) { const id = row.getAttribute('data-event-id'); if (!(id in window.__seen)) window.__seen[id] = now; }
          }
        }).observe(document, { childList: true, subtree: true });
        window.__long = { count: 0, ms: 0 };
        new PerformanceObserver(list => { for (const e of list.getEntries()) { window.__long.count++; window.__long.ms += e.duration; } })
          .observe({ type: 'longtask', buffered: true });
        """;

    public sealed record Result(double LiveP50, double LiveP99, int LiveCount, double DomP50, double DomP99, int DomSeen, int DomSampled);

    public static async Task<Result> MeasureAsync(
        string redisAddress, IConnectionMultiplexer redis, IReadOnlyList<NameValueEntry[]> entries, string workDir, int eventsPerSecond, TimeSpan duration,
        bool withBrowser = true)
    {
        var stream = $"bench:live:{Guid.NewGuid():N}";
        await using var app = new BenchApp(redisAddress, stream, Path.Combine(workDir, $"live-{Guid.NewGuid():N}.db"));
        var address = app.Start();
        var live = app.Services.GetRequiredService<LiveState>();

        using var renderTimes = new RenderTimes();
        var sentTicks = new ConcurrentDictionary<string, long>();
        var liveMs = new ConcurrentBag<double>();
        live.Applied += applied =>
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var envelope in applied)
                if (sentTicks.TryGetValue(envelope.Id, out var sent))
                    liveMs.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
        };

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CC_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        if (withBrowser)
        {
            await page.AddInitScriptAsync(ObserveRows);
            // CC_BENCH_CSS: a style sheet added to the wall, to try a change of look against the same run (an A/B).
            if (Environment.GetEnvironmentVariable("CC_BENCH_CSS") is { } css)
                await page.AddInitScriptAsync("document.addEventListener('DOMContentLoaded', () => { const s = document.createElement('style'); s.textContent = " + JsonSerializer.Serialize(css) + "; document.head.appendChild(s); });");
            // The wall as a wall screen opens it: a kiosk token bound to the wall, its URL opened once.
            var (token, secret) = await app.Services.GetRequiredService<KioskTokenStore>().CreateAsync("benchmark screen", ["wall"], "benchmark");
            await page.GotoAsync(KioskLinks.UrlFor(address, token, secret));
            await page.Locator(".wall[data-circuit='connected']").WaitForAsync(new() { Timeout = 30_000 });
        }

        var sampledWallMs = new Dictionary<string, long>();
        var db = redis.GetDatabase();
        var total = Math.Min(entries.Count, (int)(eventsPerSecond * duration.TotalSeconds));
        var perTick = Math.Max(1, eventsPerSecond / 100);
        await Task.Delay(500); // let the live tail settle into its idle back-off first
        var gcBefore = (Pause: GC.GetTotalPauseDuration(), Gen0: GC.CollectionCount(0), Gen1: GC.CollectionCount(1), Gen2: GC.CollectionCount(2));
        var browserCost = withBrowser ? await BrowserCost.StartAsync(page) : null;
        using var allocations = Environment.GetEnvironmentVariable("CC_BENCH_ALLOCATIONS") == "1" ? new AllocationSample() : null;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        var pending = new List<Task>();
        for (var i = 0; i < total; i++)
        {
            var id = entries[i].First(v => v.Name == EnvelopeFields.Id).Value.ToString();
            if (i % 20 == 0) sampledWallMs[id] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            sentTicks[id] = Stopwatch.GetTimestamp();
            pending.Add(db.StreamAddAsync(stream, entries[i]));
            if ((i + 1) % perTick == 0)
            {
                await Task.WhenAll(pending);
                pending.Clear();
                // Hold the rate: wait until the schedule catches up with what has been sent.
                var ahead = TimeSpan.FromSeconds((i + 1) / (double)eventsPerSecond) - clock.Elapsed;
                if (ahead > TimeSpan.Zero) await Task.Delay(ahead);
            }
        }
        await Task.WhenAll(pending);
        await Task.Delay(1000);
        // The process is the app and the producer together; its collections pause the renders measured above.
        Console.WriteLine($"    GC ({(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}): {GC.CollectionCount(0) - gcBefore.Gen0} gen0, " +
            $"{GC.CollectionCount(1) - gcBefore.Gen1} gen1, {GC.CollectionCount(2) - gcBefore.Gen2} gen2 collections, " +
            $"{(GC.GetTotalPauseDuration() - gcBefore.Pause).TotalMilliseconds:F0} ms paused in {clock.Elapsed.TotalSeconds:F0} s; " +
            $"{(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1e6 / clock.Elapsed.TotalSeconds:F0} MB/s allocated");
        allocations?.Print(15, clock.Elapsed.TotalSeconds);

        var domMs = new List<double>();
        if (withBrowser)
        {
            var seen = await page.EvaluateAsync<JsonElement>("() => window.__seen");
            var busy = await page.EvaluateAsync<JsonElement>("() => window.__long");
            await browserCost!.PrintAsync();
            Console.WriteLine($"    browser main thread: {busy.GetProperty("count").GetInt32()} long tasks (> 50 ms), {busy.GetProperty("ms").GetDouble():F0} ms in them");
            foreach (var (id, sentAt) in sampledWallMs)
                if (seen.TryGetProperty(id, out var at))
                    domMs.Add(at.GetInt64() - sentAt);
        }

        if (withBrowser) renderTimes.Print();
        var liveSorted = liveMs.Order().ToList();
        domMs.Sort();
        await app.DisposeAsync();
        await db.KeyDeleteAsync([stream, stream + ":dead"]);
        return new Result(Percentile(liveSorted, 50), Percentile(liveSorted, 99), liveSorted.Count,
            Percentile(domMs, 50), Percentile(domMs, 99), domMs.Count, sampledWallMs.Count);
    }

    private static double Percentile(List<double> sorted, int p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
