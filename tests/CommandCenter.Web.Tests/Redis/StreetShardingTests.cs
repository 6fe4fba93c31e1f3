using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Redis;

/// <summary>
/// The app with one stream per street (<c>EventLog:Sharding = Street</c>, docs/decisions/0014): what the app appends
/// and what a producer <c>XADD</c>s to its street's key both reach the live state, whose district is the union of the
/// streets, and the database; /healthz is ok.
/// </summary>
public sealed class StreetShardingTests
{
    [Fact]
    public async Task AppWithStreetSharding_EventsOfTwoStreets_AppearLiveAndInTheDatabaseAndHealthIsOk()
    {
        var dir = Directory.CreateTempSubdirectory("cc-streets-").FullName;
        var stream = $"test:streets:{Guid.NewGuid():N}";
        await using (var app = new RedisAppFactory(RedisAppFactory.TestRedis, stream, Path.Combine(dir, "cc.db"), "streets-test",
            new Dictionary<string, string> { ["EventLog:Sharding"] = "Street" }))
        {
            var address = app.Start();
            var north = TestEvents.TicketReceived(DateTimeOffset.UtcNow.AddMinutes(-2), street: "ninghailu");
            var south = TestEvents.TicketReceived(DateTimeOffset.UtcNow.AddMinutes(-1), street: "huaqiaolu");
            await app.Services.GetRequiredService<IEventLog>().AppendAsync([north]);
            // A producer writing to Redis directly, to its street's key.
            var (host, port) = RedisCli.Split(RedisAppFactory.TestRedis);
            var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"{host}:{port}");
            await redis.GetDatabase().StreamAddAsync($"{stream}:{{huaqiaolu}}", [.. south.Select(f => new StackExchange.Redis.NameValueEntry(f.Key, f.Value))]);

            var live = app.Services.GetRequiredService<LiveState>();
            await TestWait.UntilAsync(() => live.Current.State.Tickets.Count == 2, "both streets' tickets are live", TimeSpan.FromSeconds(20));
            Assert.Equal(["huaqiaolu", "ninghailu"], live.Current.State.Tickets.Values.Select(t => t.Street).Order());
            Assert.Equal(2, live.Current.State.OpenTickets.Count);
            Assert.Equal(2, live.Current.State.AppliedCount);
            Assert.Contains(live.Current.Recent, e => e.Id == south["id"]);
            var status = app.Services.GetRequiredService<ProjectorStatus>();
            await TestWait.UntilAsync(() => status.AppliedCount == 2, "both streets projected (the streets' statuses folded)", TimeSpan.FromSeconds(20));
            using var http = new HttpClient();
            var health = JsonDocument.Parse(await http.GetStringAsync($"{address}/healthz")).RootElement;
            Assert.Equal("ok", health.GetProperty("status").GetString());
            redis.Dispose();
        }
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}
