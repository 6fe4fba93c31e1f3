using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Web.Live;
using CommandCenter.Web.Wall.Replay;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Redis;

/// <summary>
/// The app with one stream per street (<c>EventLog:Sharding = Street</c>, docs/decisions/0014): what the app appends
/// and what a producer <c>XADD</c>s to its street's key both reach the live state, whose district is the union of the
/// streets, and the database; /healthz is ok; a replay of a past moment is the union of the streets as they were.
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
            // Each street's lag and lease on /metrics, beside the district's worst.
            await TestWait.UntilAsync(async () => StreetGauge(await http.GetStringAsync($"{address}/metrics"), "leader", "huaqiaolu") == "1",
                "the streets' lease gauges on /metrics", TimeSpan.FromSeconds(20));
            // A street's lag is a moment above 0 while its leader's own takeover notice waits to be projected; at rest it is 0.
            await TestWait.UntilAsync(async () => StreetGauge(await http.GetStringAsync($"{address}/metrics"), "lag_seconds", "ninghailu") == "0",
                "ninghailu's lag gauge at rest", TimeSpan.FromSeconds(20));
            Assert.Equal("1", StreetGauge(await http.GetStringAsync($"{address}/metrics"), "leader", "ninghailu"));
            redis.Dispose();
        }
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task ReplayWithStreetSharding_AMomentBetweenTwoStreetsEvents_IsTheUnionOfEachStreetAsItWas()
    {
        var dir = Directory.CreateTempSubdirectory("cc-streets-").FullName;
        var stream = $"test:streets:{Guid.NewGuid():N}";
        // Every commit a snapshot of its street (a batch of 2), so the replay starts from stored street snapshots too.
        await using (var app = new RedisAppFactory(RedisAppFactory.TestRedis, stream, Path.Combine(dir, "cc.db"), "streets-test",
            new Dictionary<string, string> { ["EventLog:Sharding"] = "Street", ["Projector:BatchSize"] = "2", ["Projector:SnapshotEvery"] = "2" }))
        {
            app.Start();
            var start = DateTimeOffset.UtcNow.AddHours(-3);
            var northIds = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
            var southIds = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
            var north = northIds.Select((id, i) => TestEvents.TicketReceived(start.AddMinutes(20 * i), street: "ninghailu", ticketId: id)).ToList();
            var south = southIds.Select((id, i) => TestEvents.TicketReceived(start.AddMinutes(20 * i + 10), street: "huaqiaolu", ticketId: id)).ToList();
            await app.Services.GetRequiredService<IEventLog>().AppendAsync([.. north, .. south]);
            var status = app.Services.GetRequiredService<ProjectorStatus>();
            await TestWait.UntilAsync(() => status.AppliedCount == 12, "both streets projected", TimeSpan.FromSeconds(20));

            var index = app.Services.GetRequiredService<ReplayIndex>();
            var at = start.AddMinutes(55); // north's 0, 1, 2 (at 0, 20, 40) and south's 0, 1, 2 (at 10, 30, 50)
            var point = await index.StateAtAsync(at);

            Assert.Equal(northIds.Take(3).Concat(southIds.Take(3)).Order(), point.State.Tickets.Keys.Order());
            Assert.Equal(6, point.State.AppliedCount);
            Assert.Equal(south[2]["id"], point.Recent[0].Id);
            Assert.Equal(north.Take(3).Concat(south.Take(3)).Select(e => e["id"]).Order(), point.Recent.Select(e => e.Id).Order());
            Assert.Equal(12, (await index.StateAtAsync(start.AddHours(2))).State.Tickets.Count);
        }
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>The value of <c>cc_projector_street_{name}</c> for <paramref name="street"/> in Prometheus text, or null.</summary>
    private static string? StreetGauge(string metrics, string name, string street) =>
        System.Text.RegularExpressions.Regex.Match(metrics, $@"^cc_projector_street_{name}\{{[^}}]*stream=""{street}""[^}}]*\}} (\S+)$",
            System.Text.RegularExpressions.RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : null;
}
