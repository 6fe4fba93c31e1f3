using System.Net;
using System.Text.Json;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Wall;
using Microsoft.Data.Sqlite;
using CommandCenter.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Redis;

/// <summary>Redis crashes under a running app: it keeps serving, says why, shows stale, and resumes by itself.</summary>
public sealed class RedisOutageTests
{
    [Fact]
    public async Task RedisKilledAndRestarted_AppServesReportsTheOutageShowsStaleThenResumesWithNothingLost()
    {
        var dir = Directory.CreateTempSubdirectory("cc-outage-").FullName;
        await using var redis = new PrivateRedisServer();
        await redis.StartAsync();
        var stream = "cc:events";
        await using var app = new RedisAppFactory(redis.Address, stream, Path.Combine(dir, "cc.db"), "outage-test");
        app.Start();
        using var client = await app.SignedInClientAsync("operator");
        var live = app.Services.GetRequiredService<LiveState>();
        var wall = app.Services.GetRequiredService<WallFeed>();
        var projector = app.Services.GetRequiredService<ProjectorStatus>();
        var before = TestEvents.TicketReceived(DateTimeOffset.UtcNow, street: "mufushan");
        await RedisCli.XAddAsync(redis.Address, stream, before);
        await TestWait.UntilAsync(() => projector.AppliedCount == 1 && live.Current.LastEventId == before["id"], "the first event is applied", TimeSpan.FromSeconds(10));

        await redis.KillAsync();

        using (var down = await client.GetAsync("/healthz/detail"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            using var body = JsonDocument.Parse(await down.Content.ReadAsStringAsync());
            Assert.StartsWith("error:", body.RootElement.GetProperty("eventLog").GetString());
        }
        using (var down = await app.AnonymousClient().GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            using var body = JsonDocument.Parse(await down.Content.ReadAsStringAsync());
            Assert.Equal("the event log cannot be reached", body.RootElement.GetProperty("reason").GetString());
        }
        using (var page = await client.GetAsync("/wall"))
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        await TestWait.UntilAsync(() => live.LastError is not null, "the live tail reports the outage", TimeSpan.FromSeconds(15));
        await TestWait.UntilAsync(() => wall.Current.IsStale, "the wall turns stale", TimeSpan.FromSeconds(20));

        await redis.StartAsync();
        var after = TestEvents.TicketReceived(DateTimeOffset.UtcNow, street: "mufushan");
        await RedisCli.XAddAsync(redis.Address, stream, after);

        await TestWait.UntilAsync(() => live.Current.LastEventId == after["id"], "the live tail resumes", TimeSpan.FromSeconds(20));
        await TestWait.UntilAsync(() => projector.AppliedCount == 2, "the projector resumes", TimeSpan.FromSeconds(20));
        await TestWait.UntilAsync(() => !wall.Current.IsStale, "the wall is fresh again", TimeSpan.FromSeconds(5));
        using var up = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        SqliteConnection.ClearAllPools();
    }
}
