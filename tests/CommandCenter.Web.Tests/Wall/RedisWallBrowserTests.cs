using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Redis;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

using CommandCenter.Web.Tests.Security;

namespace CommandCenter.Web.Tests.Wall;

public sealed class RedisWallBrowserTests
{
    [Fact]
    public async Task Wall_RedisMode_TicketAppendedWithRedisCliShowsInTheTickerWithinTwoSeconds()
    {
        var dir = Directory.CreateTempSubdirectory("cc-redis-wall-").FullName;
        var stream = $"test:wall:{Guid.NewGuid():N}";
        await using (var app = new RedisAppFactory(RedisAppFactory.TestRedis, stream, Path.Combine(dir, "cc.db"), "wall-test"))
        {
            var address = app.Start();
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Chromium.LaunchAsync(playwright);
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
            await SignIn.InBrowserAsync(page, address, "operator");
            await page.GotoAsync($"{address}/wall");
            await page.Locator(".wall[data-circuit='connected']").WaitForAsync(new() { Timeout = 15_000 });
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
