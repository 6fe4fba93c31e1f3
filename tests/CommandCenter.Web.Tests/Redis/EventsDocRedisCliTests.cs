using System.Diagnostics;
using System.Text.RegularExpressions;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Redis;

/// <summary>
/// docs/events.md promises that its redis-cli lines work as they stand, twice over with fresh UUIDs: run them with
/// the real redis-cli against an app in Redis mode and check every one is applied, live and in the database.
/// </summary>
public sealed partial class EventsDocRedisCliTests
{
    [Fact]
    public async Task RedisCliLinesOfTheEventsDoc_RunAsTheyStandTwiceWithFreshUuids_AllAppliedLiveAndInTheDatabase()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root(), "docs", "events.md")).Where(l => l.StartsWith("redis-cli XADD cc:events ", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count >= 28, $"only {lines.Count} redis-cli lines in docs/events.md");
        var dir = Directory.CreateTempSubdirectory("cc-doc-").FullName;
        var stream = $"test:doc:{Guid.NewGuid():N}";
        await using (var app = new RedisAppFactory(RedisAppFactory.TestRedis, stream, Path.Combine(dir, "cc.db"), "doc-test"))
        {
            app.Start();
            var (host, port) = RedisCli.Split(RedisAppFactory.TestRedis);
            var script = string.Join('\n', lines.Concat(WithFreshUuids(lines))
                .Select(l => $"redis-cli -h {host} -p {port} XADD {stream} " + l["redis-cli XADD cc:events ".Length..]));

            await RunBashAsync(script);

            var projector = app.Services.GetRequiredService<ProjectorStatus>();
            await TestWait.UntilAsync(() => projector.AppliedCount + projector.RejectedCount + projector.DeadLettered == lines.Count * 2,
                $"the projector handles all {lines.Count * 2} entries", TimeSpan.FromSeconds(20));
            Assert.Equal(lines.Count * 2, projector.AppliedCount);
            Assert.Equal(0, projector.RejectedCount);
            Assert.Equal(0, projector.DeadLettered);
            var live = app.Services.GetRequiredService<LiveState>();
            await TestWait.UntilAsync(() => live.Current.State.AppliedCount == lines.Count * 2, "the live state applies them all", TimeSpan.FromSeconds(10));
        }
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }

    private static IEnumerable<string> WithFreshUuids(IEnumerable<string> lines)
    {
        var fresh = new Dictionary<string, string>();
        return lines.Select(line => Uuid().Replace(line, m => fresh.TryGetValue(m.Value, out var id) ? id : fresh[m.Value] = Guid.NewGuid().ToString())).ToList();
    }

    private static async Task RunBashAsync(string script)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-e");
        using var bash = Process.Start(start)!;
        await bash.StandardInput.WriteAsync(script + "\n");
        bash.StandardInput.Close();
        var output = bash.StandardOutput.ReadToEndAsync();
        var error = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.True(bash.ExitCode == 0 && !(await output).Contains("ERR"), $"redis-cli failed: {error}{await output}");
    }


    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();
}
