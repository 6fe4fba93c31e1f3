using CommandCenter.Benchmarks;

// tests/bench.sh runs this with a redis-server of its own (CC_BENCH_REDIS) and chromium (CC_CHROMIUM).
return await BenchmarkRun.RunAsync(args);
