using System.Diagnostics;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Redis;

namespace CommandCenter.Web.Tests.Deploy;

/// <summary>
/// deploy/redis/users.acl on a real redis-server: each producer system's Redis user may append to the event stream
/// and do nothing else (no other key, no reads, no deletes or trimming, no server commands); the app's user keeps all.
/// </summary>
public sealed class RedisProducerUsersTests
{
    private static string AclFile => Path.Combine(RepoPaths.Root(), "deploy", "redis", "users.acl");

    private static async Task<string> CliAsync(PrivateRedisServer redis, string? user, params string[] command)
    {
        var start = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-p", redis.Port.ToString(), "--no-auth-warning" }) start.ArgumentList.Add(arg);
        if (user is not null)
            foreach (var arg in new[] { "--user", user, "--pass", $"change-me-{user}" }) start.ArgumentList.Add(arg);
        foreach (var arg in command) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim();
    }

    [Theory]
    [InlineData("hotline-12345")]
    [InlineData("grid-app")]
    [InlineData("enforcement")]
    public async Task ProducerUser_MayOnlyAppendToTheEventStream(string user)
    {
        await using var redis = new PrivateRedisServer();
        await redis.StartAsync("--aclfile", AclFile);

        var appended = await CliAsync(redis, user, "XADD", "cc:events", "*", "type", "ticket.received");
        var otherKey = await CliAsync(redis, user, "XADD", "cc:events:dead", "*", "a", "b");
        var read = await CliAsync(redis, user, "XRANGE", "cc:events", "-", "+");
        var trim = await CliAsync(redis, user, "XTRIM", "cc:events", "MAXLEN", "0");
        var delete = await CliAsync(redis, user, "DEL", "cc:events");
        var flush = await CliAsync(redis, user, "FLUSHALL");
        var config = await CliAsync(redis, user, "CONFIG", "GET", "dir");

        Assert.Matches(@"^\d+-\d+$", appended);
        Assert.All([otherKey, read, trim, delete, flush, config], answer => Assert.Contains("NOPERM", answer));
        Assert.Equal("1", await CliAsync(redis, null, "XLEN", "cc:events"));
    }
}
