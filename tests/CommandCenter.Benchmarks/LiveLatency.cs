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
/// Measured after <c>warmUp</c> of the same flow, unmeasured: the steady state of a wall that has been running.
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
        window.__messages = [];
        const NativeSocket = window.WebSocket;
        window.WebSocket = class extends NativeSocket {
          constructor(...args) { super(...args); this.addEventListener('message', () => window.__messages.push(Date.now())); }
        };
        window.__long = { count: 0, ms: 0, tasks: [] };
        new PerformanceObserver(list => { for (const e of list.getEntries()) {
            window.__long.count++; window.__long.ms += e.duration; window.__long.tasks.push([performance.timeOrigin + e.startTime, e.duration]); } })
          .observe({ type: 'longtask', buffered: true });
        """;

    public sealed record Result(double LiveP50, double LiveP99, int LiveCount, double DomP50, double DomP99, int DomSeen, int DomSampled);

    public static async Task<Result> MeasureAsync(
        string redisAddress, IConnectionMultiplexer redis, IReadOnlyList<NameValueEntry[]> entries, string workDir, int eventsPerSecond, TimeSpan duration,
        TimeSpan warmUp = default, bool withBrowser = true)
    {
        var stream = $"bench:live:{Guid.NewGuid():N}";
        await using var app = new BenchApp(redisAddress, stream, Path.Combine(workDir, $"live-{Guid.NewGuid():N}.db"));
        var address = app.Start();
        var live = app.Services.GetRequiredService<LiveState>();

        using var renderTimes = new RenderTimes();
        var sentTicks = new ConcurrentDictionary<string, long>();
        var liveMs = new ConcurrentBag<double>();
        var appliedAt = new ConcurrentDictionary<string, double>(); // Unix ms, for the tail report
        live.Applied += applied =>
        {
            var now = Stopwatch.GetTimestamp();
            var nowMs = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
            foreach (var envelope in applied)
                if (sentTicks.TryGetValue(envelope.Id, out var sent))
                {
                    liveMs.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
                    appliedAt[envelope.Id] = nowMs;
                }
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
        var warmUpCount = Math.Min(entries.Count, (int)(eventsPerSecond * warmUp.TotalSeconds));
        var total = Math.Min(entries.Count - warmUpCount, (int)(eventsPerSecond * duration.TotalSeconds));
        var perTick = Math.Max(1, eventsPerSecond / 100);
        await Task.Delay(500); // let the live tail settle into its idle back-off first

        // Sends entries [from, from + count) at the rate; measured ones are timed (every one) and sampled (every 20th).
        async Task SendAsync(int from, int count, bool measured)
        {
            var clock = Stopwatch.StartNew();
            var pending = new List<Task>();
            for (var n = 0; n < count; n++)
            {
                var entry = entries[from + n];
                if (measured)
                {
                    var id = entry.First(v => v.Name == EnvelopeFields.Id).Value.ToString();
                    if (n % 20 == 0) sampledWallMs[id] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    sentTicks[id] = Stopwatch.GetTimestamp();
                }
                pending.Add(db.StreamAddAsync(stream, entry));
                if ((n + 1) % perTick == 0)
                {
                    await Task.WhenAll(pending);
                    pending.Clear();
                    // Hold the rate: wait until the schedule catches up with what has been sent.
                    var ahead = TimeSpan.FromSeconds((n + 1) / (double)eventsPerSecond) - clock.Elapsed;
                    if (ahead > TimeSpan.Zero) await Task.Delay(ahead);
                }
            }
            await Task.WhenAll(pending);
        }

        // The warm-up: the same flow, unmeasured. A wall runs for hours; the first seconds after a process starts are
        // not its steady state (the first collections promote the start-up's objects and take two to four times as
        // long as later ones: CC_BENCH_TAIL=1 prints each pause).
        await SendAsync(0, warmUpCount, measured: false);

        var gcBefore = (Pause: GC.GetTotalPauseDuration(), Gen0: GC.CollectionCount(0), Gen1: GC.CollectionCount(1), Gen2: GC.CollectionCount(2));
        var browserCost = withBrowser ? await BrowserCost.StartAsync(page) : null;
        using var allocations = Environment.GetEnvironmentVariable("CC_BENCH_ALLOCATIONS") == "1" ? new AllocationSample() : null;
        using var gcPauses = Environment.GetEnvironmentVariable("CC_BENCH_TAIL") == "1" ? new GcPauses() : null;
        var publishedAt = new ConcurrentDictionary<string, double>(); // the first wall view that held each row, Unix ms
        var wallFeed = app.Services.GetRequiredService<CommandCenter.Web.Wall.WallFeed>();
        using var published = gcPauses is null ? null : wallFeed.Subscribe(() =>
        {
            var nowMs = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
            foreach (var row in wallFeed.Current.Ticker) publishedAt.TryAdd(row.EventId, nowMs);
        });
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        await SendAsync(warmUpCount, total, measured: true);
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
            var drawn = new List<(double Sent, double Applied, double Published, double Seen)>();
            foreach (var (id, sentAt) in sampledWallMs)
                if (seen.TryGetProperty(id, out var at))
                    drawn.Add((sentAt, appliedAt.GetValueOrDefault(id, double.NaN), publishedAt.GetValueOrDefault(id, double.NaN), at.GetInt64()));
            domMs.AddRange(drawn.Select(d => d.Seen - d.Sent));
            if (gcPauses is not null)
                LatencyTail.Print(drawn, gcPauses.Pauses, [.. busy.GetProperty("tasks").EnumerateArray().Select(t => (t[0].GetDouble(), t[1].GetDouble()))],
                    [.. (await page.EvaluateAsync<JsonElement>("() => window.__messages")).EnumerateArray().Select(m => m.GetDouble())]);
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
