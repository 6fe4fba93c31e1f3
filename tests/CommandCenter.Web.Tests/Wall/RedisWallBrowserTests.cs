using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Redis;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;


namespace CommandCenter.Web.Tests.Wall;

public sealed class RedisWallBrowserTests
{
    [Fact]
    public async Task Wall_RedisMode_TicketAppendedWithRedisCliShowsInTheTickerWithinTwoSeconds()
    {
        var dir = Directory.CreateTempSubdirectory("cc-redis-wall-").FullName;
        var stream = $"test:wall:{Guid.NewGuid():N}";
        await using (var app = await BrowserApp.StartAsync(new RedisAppFactory(RedisAppFactory.TestRedis, stream, Path.Combine(dir, "cc.db"), "wall-test")))
        {
            var page = await app.SignedInAsync("operator", "/wall", ".wall", 1920, 1080);
            var ticket = TestEvents.TicketReceived(DateTimeOffset.UtcNow, street: "yuejianglou", content: "阅江楼街道 井盖缺失");

            await RedisCli.XAddAsync(RedisAppFactory.TestRedis, stream, ticket);

            var row = page.Locator($"[data-event-id='{ticket["id"]}']");
            await Expect(row).ToBeVisibleAsync(new() { Timeout = 2_000 });
            await Expect(row.Locator(".ticker-street")).ToHaveTextAsync("阅江楼");
        }
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}
