using System.Diagnostics;
using CommandCenter.Cli.Simulate;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.EventLog;
using CommandCenter.Infrastructure.EventLog.Embedded;
using CommandCenter.Infrastructure.Redis;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CommandCenter.Cli.Tests.Simulate;

/// <summary>`cc simulate` as a developer runs it: against the embedded log of a database of its own, or to a file.</summary>
public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cc-cli-sim-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(_dir, "cc.db")}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cc.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ConnectionStrings__Database"] = ConnectionString;
        start.Environment["EventLog__Provider"] = "Embedded";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private async Task<IReadOnlyList<LogEntry>> LogEntriesAsync()
    {
        var log = new SqliteEventLog(new SqliteConnectionFactory(ConnectionString), Options.Create(new EventLogOptions()), TimeProvider.System);
        var entries = new List<LogEntry>();
        for (var batch = await log.ReadAfterAsync(LogPosition.Start, 10_000); batch.Count > 0; batch = await log.ReadAfterAsync(batch[^1].Position, 10_000))
            entries.AddRange(batch);
        return entries;
    }

    private static List<string> Rejections(IEnumerable<IReadOnlyDictionary<string, string>> entries)
    {
        var parser = new EnvelopeParser(DistrictModel.Gulou);
        var reducer = new DistrictReducer(DistrictModel.Gulou);
        var state = DistrictState.Empty;
        var problems = new List<string>();
        foreach (var fields in entries)
        {
            var parsed = parser.Parse(fields);
            if (parsed.Envelope is not { } envelope)
            {
                problems.Add(parsed.Error!);
                continue;
            }
            var reduction = reducer.Apply(state, envelope);
            state = reduction.State;
            if (!reduction.IsApplied && reduction.Outcome != CommandCenter.Core.Reducing.OutcomeKind.Notice)
                problems.Add($"{envelope.Type}: {reduction.Reason}");
        }
        return problems;
    }

    [Fact]
    public async Task Simulate_ToAFile_WritesLinesThatProduceAppendsAndTheReducerApplies()
    {
        var file = Path.Combine(_dir, "day.jsonl");

        var (exit, output) = await RunAsync("simulate", "--days", "1", "--to", file, "--seed", "3", "--end", "2026-04-20T10:00");

        Assert.True(exit == 0, output);
        var lines = await File.ReadAllLinesAsync(file);
        Assert.InRange(lines.Length, 3_000, 12_000);
        Assert.Contains($"wrote {lines.Length:N0} events (1 days to 2026-04-20T10:00:00+08:00, seed 3)", output);
        Assert.Matches(@"events/s\)", output);
        Assert.StartsWith("""{"id":""", lines[0]);
        Assert.Contains("\"v\":1,\"data\":{", lines[0]);

        var (produced, producedOutput) = await RunAsync("produce", "--file", file, "--rate", "0", "--count", "1000000", "--batch", "5000");

        Assert.True(produced == 0, producedOutput);
        Assert.Contains($"appended {lines.Length} events", producedOutput);
        var entries = await LogEntriesAsync();
        Assert.Equal(lines.Length, entries.Count);
        Assert.Empty(Rejections(entries.Select(e => e.Fields)).Take(10));
    }

    [Fact]
    public async Task Simulate_SameSeed_WritesTheSameFile()
    {
        var first = Path.Combine(_dir, "a.jsonl");
        var second = Path.Combine(_dir, "b.jsonl");

        Assert.Equal(0, (await RunAsync("simulate", "--days", "1", "--to", first, "--seed", "9", "--end", "2026-04-20T10:00+08:00")).ExitCode);
        Assert.Equal(0, (await RunAsync("simulate", "--days", "1", "--to", second, "--seed", "9", "--end", "2026-04-20T02:00Z")).ExitCode);

        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
    }

    [Fact]
    public async Task Simulate_ToTheEmbeddedLog_AppendsOnceAndRefusesALogThatIsNoLongerFresh()
    {
        var (exit, output) = await RunAsync("simulate", "--days", "2", "--seed", "4", "--end", "2026-04-20T10:00", "--batch", "3000");

        Assert.True(exit == 0, output);
        Assert.Contains("to the embedded log", output);
        var entries = await LogEntriesAsync();
        Assert.InRange(entries.Count, 8_000, 25_000);
        Assert.Empty(Rejections(entries.Select(e => e.Fields)).Take(10));

        var (again, refusal) = await RunAsync("simulate", "--days", "2", "--seed", "5");

        Assert.Equal(1, again);
        Assert.Contains("the log is not fresh", refusal);
        Assert.Equal(entries.Count, (await LogEntriesAsync()).Count);
    }

    [Fact]
    public async Task Simulate_ToARedisStream_AppendsADayThatTheReducerApplies()
    {
        var address = Environment.GetEnvironmentVariable("CC_TEST_REDIS") is { Length: > 0 } configured
            ? configured
            : throw new InvalidOperationException("CC_TEST_REDIS is not set: run tests/run.sh, which starts redis-server.");
        var stream = $"test:cli:simulate:{Guid.NewGuid():N}";

        var (exit, output) = await RunAsync("simulate", "--days", "1", "--redis", address, "--stream", stream, "--seed", "6", "--end", "2026-04-20T10:00");

        Assert.True(exit == 0, output);
        Assert.Contains("to the Redis stream", output);
        using var redis = await ConnectionMultiplexer.ConnectAsync(address);
        var log = new RedisEventLog(redis, stream, stream + ":dead");
        var entries = await log.ReadAfterAsync(LogPosition.Start, 100_000);
        Assert.InRange(entries.Count, 3_000, 12_000);
        Assert.Empty(Rejections(entries.Select(e => e.Fields)).Take(10));
        await redis.GetDatabase().KeyDeleteAsync(stream);
    }

    [Theory]
    [InlineData("--days", "0", "--days must be 1 to 3660")]
    [InlineData("--batch", "0", "--batch must be 1 to 50000")]
    [InlineData("--end", "next tuesday", "--end 'next tuesday' is not an ISO 8601 time")]
    [InlineData("--end", "9999-12-31T23:59", "--end must fall in the years 2000 to 2999")]
    [InlineData("--end", "0001-01-01T00:00", "--end must fall in the years 2000 to 2999")]
    [InlineData("--end", "0001-01-01T00:00Z", "--end must fall in the years 2000 to 2999")]
    public async Task Simulate_BadArgument_RefusedWithAPlainMessage(string option, string value, string message)
    {
        var (exit, output) = await RunAsync("simulate", option, value, "--to", Path.Combine(_dir, "x.jsonl"));

        Assert.Equal(2, exit);
        Assert.Contains(message, output);
        Assert.DoesNotContain("   at ", output); // one line, no stack trace
        Assert.False(File.Exists(Path.Combine(_dir, "x.jsonl")));
    }

    [Fact]
    public void ParseEnd_WithoutAnOffset_IsChinaTime()
    {
        Assert.Equal(new DateTimeOffset(2026, 4, 20, 10, 0, 0, TimeSpan.FromHours(8)), SimulateSettings.ParseEnd("2026-04-20T10:00"));
        Assert.Equal(new DateTimeOffset(2026, 4, 20, 2, 0, 0, TimeSpan.Zero), SimulateSettings.ParseEnd("2026-04-20T02:00:00Z"));
        Assert.Null(SimulateSettings.ParseEnd("yesterday"));
    }
}
