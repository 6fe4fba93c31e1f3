using System.Net;
using System.Text.Json;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Simulation;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Security;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommandCenter.Web.Tests.Redis;

/// <summary>The app in Redis mode, by configuration only: health, defaults, and several instances on one stream.</summary>
public sealed class RedisModeTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cc-redis-mode-").FullName;
    private readonly string _stream = $"test:mode:{Guid.NewGuid():N}";
    private readonly List<RedisAppFactory> _apps = [];

    private string DatabasePath => Path.Combine(_dir, "shared.db");

    private RedisAppFactory NewInstance(string name)
    {
        var app = new RedisAppFactory(RedisAppFactory.TestRedis, _stream, DatabasePath, name);
        _apps.Add(app);
        app.Start();
        return app;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
            await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Healthz_RedisMode_ReportsModeStreamPendingAndLeaseHolder()
    {
        var app = NewInstance("instance-a");
        await TestWait.UntilAsync(() => app.Services.GetRequiredService<ProjectorStatus>().IsLeader, "instance-a leads", TimeSpan.FromSeconds(10));
        using var client = await app.SignedInClientAsync("operator");
        // A new leader appends its takeover notice (the rules it adopts, docs/decisions/0015) and projects it a moment
        // later: the group holds one pending entry until then. At rest it holds none.
        JsonDocument? body = null;
        HttpStatusCode status = default;
        await TestWait.UntilAsync(async () =>
        {
            using var response = await client.GetAsync("/healthz/detail");
            body?.Dispose();
            (status, body) = (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
            return body.RootElement.GetProperty("pending").GetInt64() == 0;
        }, "the leader's own notice is projected", TimeSpan.FromSeconds(10));
        using var detail = body!;

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("redis", detail.RootElement.GetProperty("mode").GetString());
        Assert.Equal(_stream, detail.RootElement.GetProperty("stream").GetString());
        Assert.Equal(0, detail.RootElement.GetProperty("pending").GetInt64());
        Assert.Equal("instance-a", detail.RootElement.GetProperty("leaseHolder").GetString());
        Assert.Equal("ok", detail.RootElement.GetProperty("eventLog").GetString());
    }

    [Fact]
    public void Services_RedisModeWithoutSimulatorSetting_SimulatorIsOff()
    {
        var app = NewInstance("instance-a");

        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s is SimulatorService);
    }

    [Fact]
    public async Task TwoInstances_EventsAppendedWithRedisCli_AppliedToTheDatabaseOnceAndSeenLiveOnBoth_ThenFailover()
    {
        var a = NewInstance("instance-a");
        await TestWait.UntilAsync(() => a.Services.GetRequiredService<ProjectorStatus>().IsLeader, "instance-a leads", TimeSpan.FromSeconds(10));
        var b = NewInstance("instance-b");
        var statusB = b.Services.GetRequiredService<ProjectorStatus>();
        Assert.False(statusB.IsLeader);

        var first = Enumerable.Range(0, 20).Select(i => TestEvents.TicketReceived(DateTimeOffset.UtcNow, street: "baotaqiao")).ToList();
        foreach (var fields in first)
            await RedisCli.XAddAsync(RedisAppFactory.TestRedis, _stream, fields);

        await SeenLiveAsync(a, first);
        await SeenLiveAsync(b, first);
        await TestWait.UntilAsync(async () => await AppliedRowsAsync() == 20, "20 events committed", TimeSpan.FromSeconds(10));

        // The leader goes away; the other instance takes the lease within its lease time and carries on.
        await a.DisposeAsync();
        _apps.Remove(a);
        await TestWait.UntilAsync(() => statusB.IsLeader, "instance-b takes over", TimeSpan.FromSeconds(6));
        var second = Enumerable.Range(0, 10).Select(i => TestEvents.TicketReceived(DateTimeOffset.UtcNow, street: "xiaoshi")).ToList();
        foreach (var fields in second)
            await RedisCli.XAddAsync(RedisAppFactory.TestRedis, _stream, fields);

        await SeenLiveAsync(b, second);
        await TestWait.UntilAsync(async () => await AppliedRowsAsync() == 30, "all 30 committed", TimeSpan.FromSeconds(10));
        Assert.Equal(30, await CountAsync("SELECT COUNT(DISTINCT envelope_id) FROM event_history WHERE outcome = 'applied'"));
        Assert.Equal(30, await CountAsync("SELECT value FROM counters WHERE name = 'applied'"));
        Assert.Equal(0, await CountAsync("SELECT value FROM counters WHERE name = 'duplicates'"));
    }

    private static Task SeenLiveAsync(RedisAppFactory app, IEnumerable<Dictionary<string, string>> events)
    {
        var live = app.Services.GetRequiredService<LiveState>();
        var ids = events.Select(e => Guid.Parse(e["data"][(e["data"].IndexOf("ticketId\":\"", StringComparison.Ordinal) + 11)..][..36])).ToList();
        return TestWait.UntilAsync(() => ids.All(id => live.Current.State.Tickets.ContainsKey(id)), "every ticket is in the live state", TimeSpan.FromSeconds(5));
    }

    private Task<long> AppliedRowsAsync() => CountAsync("SELECT COUNT(*) FROM event_history WHERE outcome = 'applied'");

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
