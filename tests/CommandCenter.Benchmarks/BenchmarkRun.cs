using System.Globalization;
using System.Text;
using System.Text.Json;
using StackExchange.Redis;

namespace CommandCenter.Benchmarks;

/// <summary>Runs every measurement against one redis-server in one run, prints the figures and writes docs/benchmarks.md.</summary>
internal static class BenchmarkRun
{
    private const int LiveRate = 1000;
    private static readonly TimeSpan LiveDuration = TimeSpan.FromSeconds(20);
    /// <summary>The unmeasured flow before the live window (<see cref="LiveLatency"/>): 10 s, or <c>CC_BENCH_WARMUP</c> seconds
    /// (0 measures the first seconds after the app's start, as the benchmark did before 2026-12-02).</summary>
    private static readonly TimeSpan LiveWarmUp = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("CC_BENCH_WARMUP"), out var seconds) && seconds >= 0 ? seconds : 10);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("year"))
            return await YearScale.RunAsync(args);
        var redisAddress = Environment.GetEnvironmentVariable("CC_BENCH_REDIS")
            ?? throw new InvalidOperationException("CC_BENCH_REDIS is not set: run tests/bench.sh, which starts redis-server");
        var count = args.FirstOrDefault(a => a.All(char.IsDigit)) is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 200_000;
        var workDir = Directory.CreateTempSubdirectory("cc-bench").FullName;
        using var redis = await ConnectionMultiplexer.ConnectAsync(redisAddress);

        Console.WriteLine($"generating {count} simulator events …");
        var entries = BenchEvents.Generate(count);
        if (args.Contains("profile"))
        {
            PipelineProfile.Run(entries);
            await PipelineProfile.RunDbAsync(entries, workDir);
            if (Environment.GetEnvironmentVariable("CC_BENCH_POSTGRES") is { Length: > 0 } profilePg)
                await PipelineProfile.RunDbAsync(entries, workDir, profilePg);
            return 0;
        }

        if (args.Contains("live"))
        {
            // Only (d)–(e): what a change to the wall's rendering does to its latency, in a minute instead of ten.
            var alone = await LiveLatency.MeasureAsync(redisAddress, redis, BenchEvents.Generate((int)(LiveRate * (LiveWarmUp + LiveDuration).TotalSeconds), seed: 7),
                workDir, LiveRate, LiveDuration, LiveWarmUp);
            Console.WriteLine($"(d) XADD → live state at {LiveRate}/s: p50 {alone.LiveP50:F1} ms, p99 {alone.LiveP99:F1} ms ({alone.LiveCount} events)");
            Console.WriteLine($"(e) XADD → DOM at {LiveRate}/s after {LiveWarmUp.TotalSeconds:F0} s of warm-up: p50 {alone.DomP50:F0} ms, p99 {alone.DomP99:F0} ms ({alone.DomSeen} of {alone.DomSampled} samples drawn)");
            Directory.Delete(workDir, recursive: true);
            return 0;
        }

        var baseline = await RawRedisBaseline.MeasureAsync(redis, entries);
        Console.WriteLine($"(a) baseline XADD + XREADGROUP COUNT 100 + XACK: {baseline:F0} events/s");
        var (pipeline, applied, rejected) = await PipelineThroughput.MeasureAsync(redisAddress, redis, entries, workDir);
        Console.WriteLine($"(b) pipeline to committed and acknowledged: {pipeline:F0} events/s ({applied} applied, {rejected} rejected)");
        var ratio = pipeline / baseline;
        Console.WriteLine($"(c) ratio: {ratio:F2}");
        var postgres = Environment.GetEnvironmentVariable("CC_BENCH_POSTGRES") is { Length: > 0 } pg
            ? await PipelineThroughput.MeasureAsync(redisAddress, redis, entries, workDir, pg)
            : ((double, long, long)?)null;
        if (postgres is var (pgPipeline, _, _))
            Console.WriteLine($"(b') pipeline on PostgreSQL: {pgPipeline:F0} events/s, ratio {pgPipeline / baseline:F2}");
        if (args.Contains("backlog"))
        {
            // Where the time goes: the projector alone on a backlog, without the producer competing for the two cores.
            var (sqliteDrain, _, _) = await PipelineThroughput.MeasureAsync(redisAddress, redis, entries, workDir, backlog: true);
            Console.WriteLine($"(f) projector alone draining a backlog, SQLite: {sqliteDrain:F0} events/s");
            if (Environment.GetEnvironmentVariable("CC_BENCH_POSTGRES") is { Length: > 0 } drainPg)
            {
                var (pgDrain, _, _) = await PipelineThroughput.MeasureAsync(redisAddress, redis, entries, workDir, drainPg, backlog: true);
                Console.WriteLine($"(f') projector alone draining a backlog, PostgreSQL: {pgDrain:F0} events/s");
            }
        }
        if (args.Contains("pipeline"))
            return 0;

        var liveEntries = BenchEvents.Generate((int)(LiveRate * (LiveWarmUp + LiveDuration).TotalSeconds), seed: 7);
        var latency = await LiveLatency.MeasureAsync(redisAddress, redis, liveEntries, workDir, LiveRate, LiveDuration, LiveWarmUp);
        Console.WriteLine($"(d) XADD → live state at {LiveRate}/s: p50 {latency.LiveP50:F1} ms, p99 {latency.LiveP99:F1} ms ({latency.LiveCount} events)");
        Console.WriteLine($"(e) XADD → DOM at {LiveRate}/s after {LiveWarmUp.TotalSeconds:F0} s of warm-up: p50 {latency.DomP50:F0} ms, p99 {latency.DomP99:F0} ms ({latency.DomSeen} of {latency.DomSampled} samples drawn)");

        // The cost of polling instead of blocking: at a trickle the tail is mostly in its back-off when an event lands.
        var trickle = await LiveLatency.MeasureAsync(redisAddress, redis, BenchEvents.Generate(200, seed: 11), workDir, 20, TimeSpan.FromSeconds(10), withBrowser: false);
        Console.WriteLine($"(d') XADD → live state at 20/s (tail idle between events): p50 {trickle.LiveP50:F1} ms, p99 {trickle.LiveP99:F1} ms");

        var result = new Dictionary<string, object>
        {
            ["baseline_eps"] = Math.Round(baseline),
            ["pipeline_eps"] = Math.Round(pipeline),
            ["ratio"] = Math.Round(ratio, 3),
            ["pipeline_pg_eps"] = postgres is var (pgEps, _, _) ? Math.Round(pgEps) : 0,
            ["ratio_pg"] = postgres is var (pgEps2, _, _) ? Math.Round(pgEps2 / baseline, 3) : 0,
            ["live_p50_ms"] = Math.Round(latency.LiveP50, 1),
            ["live_p99_ms"] = Math.Round(latency.LiveP99, 1),
            ["dom_p50_ms"] = Math.Round(latency.DomP50),
            ["dom_p99_ms"] = Math.Round(latency.DomP99),
        };
        if (Environment.GetEnvironmentVariable("CC_BENCH_DOCS") is { Length: > 0 } docs)
            await ReportFile.WriteKeepingNotesAsync(docs, Report(count, result, applied, rejected, latency, trickle), NotesMarker);
        Directory.Delete(workDir, recursive: true);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private const string NotesMarker = "<!-- Notes below this line are kept by tests/bench.sh. -->";

    private static string PostgresVersion() => Environment.GetEnvironmentVariable("CC_BENCH_POSTGRES_VERSION") ?? "";

    private static string Report(int count, Dictionary<string, object> r, long applied, long rejected, LiveLatency.Result latency, LiveLatency.Result trickle)
    {
        var text = new StringBuilder();
        text.AppendLine("# Pipeline benchmark");
        text.AppendLine();
        text.AppendLine("Written by `tests/bench.sh` (the project `tests/CommandCenter.Benchmarks`), which starts its own redis-server.");
        text.AppendLine("All figures come from one run on one machine; the ratio compares the pipeline with a baseline measured in the same run.");
        text.AppendLine();
        text.AppendLine($"- Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine($"- Machine: {ReportFile.Machine()}");
        text.AppendLine($"- Load average (1, 5, 15 min) at the end of the run: {string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))} (other work on the machine lowers every figure; the ratios compare runs made side by side)");
        text.AppendLine($"- .NET {Environment.Version}; Redis on loopback with AOF (appendfsync everysec); SQLite in WAL with synchronous=FULL; PostgreSQL on loopback (fsync and synchronous_commit on)");
        text.AppendLine($"- Events: {count:N0} simulator events of every family (realistic payloads) for (a)–(c); {LiveRate:N0}/s for {LiveDuration.TotalSeconds:F0} s for (d)–(e)");
        text.AppendLine();
        text.AppendLine("| measure | value | target |");
        text.AppendLine("|---|---|---|");
        text.AppendLine($"| (a) baseline: raw XADD + XREADGROUP COUNT 100 + XACK (StackExchange.Redis) | {r["baseline_eps"]:N0} events/s | |");
        text.AppendLine($"| (b) pipeline: producer at full speed until the projector has committed and acknowledged all ({applied:N0} applied, {rejected:N0} rejected) | {r["pipeline_eps"]:N0} events/s | ≥ 20,000 |");
        text.AppendLine($"| (c) ratio b ÷ a | {r["ratio"]} | ≥ 0.5 |");
        text.AppendLine($"| (b') the same pipeline on PostgreSQL {PostgresVersion()} (a fresh database on loopback, durable commits: the server's defaults) | {r["pipeline_pg_eps"]:N0} events/s | ≥ 20,000 |");
        text.AppendLine($"| (c') ratio b' ÷ a | {r["ratio_pg"]} | ≥ 0.5 |");
        text.AppendLine($"| (d) XADD → live state applied, p50 / p99 ({latency.LiveCount:N0} events) | {r["live_p50_ms"]} / {r["live_p99_ms"]} ms | |");
        text.AppendLine($"| (d') the same at 20 events/s, where the tail sits in its idle back-off (what polling instead of a blocking XREAD adds) | {trickle.LiveP50:F1} / {trickle.LiveP99:F1} ms | |");
        text.AppendLine($"| (e) XADD → DOM updated in headless Chromium, p50 / p99 ({latency.DomSeen} of {latency.DomSampled} samples drawn, after {LiveWarmUp.TotalSeconds:F0} s of warm-up) | {r["dom_p50_ms"]} / {r["dom_p99_ms"]} ms | ≤ 100 / ≤ 250 |");
        text.AppendLine();
        text.AppendLine("Last line printed by the run:");
        text.AppendLine();
        text.AppendLine("```json");
        text.AppendLine(JsonSerializer.Serialize(r));
        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine("How each is measured: (a) one task XADDs in pipelined batches of 100 while another reads the group with");
        text.AppendLine("XREADGROUP COUNT 100 and XACKs, until every entry is acknowledged. (b) the app's infrastructure in Redis mode");
        text.AppendLine("(projector service with its lease, the reducer, one SQLite transaction per batch) consumes the same events while");
        text.AppendLine("the same producer appends them; timed from the first XADD to the last acknowledgement. (d) the live tail's");
        text.AppendLine("non-blocking XREAD with a capped back-off (1 ms doubling to 20 ms) is what the latency includes beyond Redis.");
        text.AppendLine("(e) a MutationObserver stamps each ticker row's first appearance; the wall renders at most 10 times a second.");
        return text.ToString();
    }
}
