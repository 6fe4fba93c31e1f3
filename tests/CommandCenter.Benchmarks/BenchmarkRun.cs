using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace CommandCenter.Benchmarks;

internal static class BenchmarkRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var redisAddress = Environment.GetEnvironmentVariable("CC_BENCH_REDIS")
            ?? throw new InvalidOperationException("CC_BENCH_REDIS is not set: run tests/bench.sh, which starts redis-server");
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
        var workDir = Directory.CreateTempSubdirectory("cc-bench").FullName;
        using var redis = await ConnectionMultiplexer.ConnectAsync(redisAddress);

        Console.WriteLine($"generating {count} simulator events …");
        var entries = BenchEvents.Generate(count);
        if (args.Contains("profile"))
        {
            PipelineProfile.Run(entries);
            await PipelineProfile.RunDbAsync(entries, workDir);
            return 0;
        }

        var baseline = await RawRedisBaseline.MeasureAsync(redis, entries);
        Console.WriteLine($"(a) baseline XADD + XREADGROUP COUNT 100 + XACK: {baseline:F0} events/s");
        var (pipeline, applied, rejected) = await PipelineThroughput.MeasureAsync(redisAddress, redis, entries, workDir);
        Console.WriteLine($"(b) pipeline to committed and acknowledged: {pipeline:F0} events/s ({applied} applied, {rejected} rejected)");
        var ratio = pipeline / baseline;
        Console.WriteLine($"(c) ratio: {ratio:F2}");

        var result = new Dictionary<string, object>
        {
            ["baseline_eps"] = Math.Round(baseline),
            ["pipeline_eps"] = Math.Round(pipeline),
            ["ratio"] = Math.Round(ratio, 3),
        };
        Directory.Delete(workDir, recursive: true);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }
}
