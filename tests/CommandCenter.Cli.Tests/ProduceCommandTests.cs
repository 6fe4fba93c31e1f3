using System.Diagnostics;
using CommandCenter.Cli.Produce;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.Redis;
using StackExchange.Redis;

namespace CommandCenter.Cli.Tests;

public sealed class ProduceCommandTests
{
    private static string RedisAddress =>
        Environment.GetEnvironmentVariable("CC_TEST_REDIS") is { Length: > 0 } address
            ? address
            : throw new InvalidOperationException("CC_TEST_REDIS is not set: run tests/run.sh, which starts redis-server.");

    private static string CliPath => Path.Combine(AppContext.BaseDirectory, "cc.dll");

    private static Task<(int ExitCode, string Output)> RunCliAsync(params string[] args) => RunCliAsync(new Dictionary<string, string>(), args);

    private static async Task<(int ExitCode, string Output)> RunCliAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.ArgumentList.Add(CliPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task Produce_WithStreetSharding_EachStreetsEventsGoToItsOwnStreamInAnOrderThatAppliesCleanly()
    {
        var stream = $"test:cli:{Guid.NewGuid():N}";

        var (exit, output) = await RunCliAsync(new Dictionary<string, string> { ["EventLog__Sharding"] = "Street" },
            "produce", "--redis", RedisAddress, "--stream", stream, "--rate", "0", "--count", "500", "--seed", "7");

        Assert.True(exit == 0, output);
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisAddress);
        Assert.Equal(0, await redis.GetDatabase().StreamLengthAsync(stream)); // nothing on the district's one stream
        var parser = new EnvelopeParser(DistrictModel.Gulou);
        var reducer = new DistrictReducer(DistrictModel.Gulou);
        var total = 0;
        foreach (var street in DistrictModel.Gulou.Streets)
        {
            var entries = await new RedisEventLog(redis, $"{stream}:{{{street.Code}}}", stream + ":dead").ReadAfterAsync(LogPosition.Start, 1000);
            total += entries.Count;
            var state = DistrictState.Empty;
            foreach (var entry in entries)
            {
                var parsed = parser.Parse(entry.Fields);
                Assert.True(parsed.IsValid, parsed.Error);
                Assert.Equal(street.Code, parsed.Envelope!.Street);
                var reduction = reducer.Apply(state, parsed.Envelope!);
                Assert.True(reduction.IsApplied, reduction.Reason); // each street's own order: every step follows the one before
                state = reduction.State;
            }
        }
        Assert.Equal(500, total);
    }

    [Fact]
    public async Task Produce_GeneratedEventsToRedis_AppendsCountValidEventsThatApplyCleanly()
    {
        var stream = $"test:cli:{Guid.NewGuid():N}";

        var (exit, output) = await RunCliAsync("produce", "--redis", RedisAddress, "--stream", stream, "--rate", "0", "--count", "500", "--seed", "7");

        Assert.True(exit == 0, output);
        Assert.Contains("appended 500 events", output);
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisAddress);
        var log = new RedisEventLog(redis, stream, stream + ":dead");
        var entries = await log.ReadAfterAsync(LogPosition.Start, 1000);
        Assert.Equal(500, entries.Count);
        var parser = new EnvelopeParser(DistrictModel.Gulou);
        var reducer = new DistrictReducer(DistrictModel.Gulou);
        var state = DistrictState.Empty;
        foreach (var entry in entries)
        {
            var parsed = parser.Parse(entry.Fields);
            Assert.True(parsed.IsValid, parsed.Error);
            var reduction = reducer.Apply(state, parsed.Envelope!);
            Assert.True(reduction.IsApplied, reduction.Reason);
            state = reduction.State;
        }
    }

    [Fact]
    public async Task Produce_JsonLinesFile_AppendsEachLineAsItsFields()
    {
        var stream = $"test:cli:{Guid.NewGuid():N}";
        var file = Path.GetTempFileName();
        var ticketId = Guid.NewGuid();
        await File.WriteAllLinesAsync(file,
        [
            $$$"""{"id":"{{{Guid.NewGuid()}}}","type":"ticket.received","occurredAt":"2026-11-27T09:00:00+08:00","source":"hotline-12345","street":"ninghailu","v":1,"data":{"ticketId":"{{{ticketId}}}","channel":"12345","category":"噪音扰民","content":"夜间施工","callerMasked":"138****0000","dueAt":"2026-11-29T09:00:00+08:00"}}""",
            "",
            $$"""{"id":"{{Guid.NewGuid()}}","type":"ticket.assigned","occurredAt":"2026-11-27T09:05:00+08:00","source":"hotline-12345","street":"ninghailu","v":"1","data":"{\"ticketId\":\"{{ticketId}}\",\"body\":\"city-management\"}"}""",
        ]);
        try
        {
            var (exit, output) = await RunCliAsync("produce", "--redis", RedisAddress, "--stream", stream, "--file", file, "--rate", "0");

            Assert.True(exit == 0, output);
            using var redis = await ConnectionMultiplexer.ConnectAsync(RedisAddress);
            var entries = await new RedisEventLog(redis, stream, stream + ":dead").ReadAfterAsync(LogPosition.Start, 10);
            Assert.Equal(2, entries.Count);
            Assert.Equal("1", entries[0].Fields["v"]);
            Assert.Contains("\"category\":\"噪音扰民\"", entries[0].Fields["data"]);
            Assert.Equal($$"""{"ticketId":"{{ticketId}}","body":"city-management"}""", entries[1].Fields["data"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void ToFields_LineMissingAField_SaysWhichLineAndWhichField()
    {
        var error = Assert.Throws<InvalidDataException>(() => JsonLinesSource.ToFields("""{"id":"x","type":"ticket.received"}""", 4));

        Assert.Contains("line 4 lacks occurredAt, source, street, v, data", error.Message);
    }

    [Fact]
    public async Task Produce_NegativeRate_RefusedWithAPlainMessage()
    {
        var (exit, output) = await RunCliAsync("produce", "--redis", RedisAddress, "--rate", "-5");

        Assert.Equal(2, exit);
        Assert.Contains("--rate must not be negative", output);
    }
}
