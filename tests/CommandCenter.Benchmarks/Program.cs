namespace CommandCenter.Benchmarks;

/// <summary>tests/bench.sh runs this with a redis-server of its own (CC_BENCH_REDIS) and chromium (CC_CHROMIUM).</summary>
internal static class BenchmarkEntry
{
    public static Task<int> Main(string[] args) => BenchmarkRun.RunAsync(args);
}
