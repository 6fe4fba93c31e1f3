using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace CommandCenter.Web.Tests.Redis;

/// <summary>
/// The real app in Redis mode on Kestrel (a real port), configured by settings only, as production is: its own
/// stream on the test redis-server (or the one given), a SQLite file that several instances may share.
/// </summary>
/// <param name="settings">More settings, e.g. <c>EventLog:Sharding</c>.</param>
public sealed class RedisAppFactory(string redisAddress, string streamKey, string databasePath, string instance,
    IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public static string TestRedis =>
        Environment.GetEnvironmentVariable("CC_TEST_REDIS") is { Length: > 0 } address
            ? address
            : throw new InvalidOperationException("CC_TEST_REDIS is not set: the Redis tests need a real redis-server. Run tests/run.sh, which starts one.");

    public string StreamKey => streamKey;

    public string Address { get; private set; } = "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("EventLog:Provider", "Redis");
        builder.UseSetting("ConnectionStrings:Redis", redisAddress);
        builder.UseSetting("EventLog:StreamKey", streamKey);
        builder.UseSetting("EventLog:DeadLetterKey", streamKey + ":dead");
        builder.UseSetting("ConnectionStrings:Database", $"Data Source={databasePath}");
        builder.UseSetting("Projector:ConsumerName", instance);
        builder.UseSetting("Redis:LeaseTime", "00:00:02");
        builder.UseSetting("DeadlineWatcher:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.HashPasswordsQuickly());
    }

    /// <summary>Starts Kestrel on a free port and returns its base address.</summary>
    public string Start() => Address = this.StartOnKestrel();
}
