using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Kiosk;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Security;
using CommandCenter.Web.Tests.Wall;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommandCenter.Web.Tests.Screens;

/// <summary>
/// Every console and admin page, as the person who uses it, at a wall-side desk (1920×1080) and a street director's
/// laptop (1366×768), in both languages, on the wall fixture's simulated district (<see cref="BrowserWall"/>): a
/// screenshot of each in tests/artifacts/screenshots/, and the test fails when the page scrolls sideways, a text runs
/// out of its box, a label is squeezed to a character per line, or axe finds a serious or critical violation.
/// The street wall, the structure wall and a kiosk screen are written the same way, the walls also at 3840×2160 (a 4K
/// wall screen), with the wall's own checks (<see cref="WallLayoutBrowserTests"/>: every box on the screen, nothing out
/// of its box, no scrolling) and axe. One sign-in per person; the sizes and languages are visited in a loop in that one
/// context.
/// </summary>
public sealed class ConsoleScreenshotTests(BrowserWall wall) : IClassFixture<BrowserWall>
{
    private static readonly (int Width, int Height)[] Sizes = [(1920, 1080), (1366, 768)];
    private static readonly string[] Languages = ["zh-CN", "en-US"];
    private static readonly (int Width, int Height)[] WallSizes = [(1920, 1080), (1366, 768), (3840, 2160)];

    [Theory]
    [InlineData("operator", "/tickets", "tickets")]
    [InlineData("operator", "/whistles", "whistles")]
    [InlineData("operator", "/whistles/scoreboard", "scoreboard")]
    [InlineData("operator", "/whistles/{whistle}", "whistle-detail")]
    [InlineData("dispatcher", "/dispatch", "dispatch")]
    [InlineData("operator", "/kiosk/console", "takeovers")]
    [InlineData("director.ninghailu", "/street/ninghailu", "street-ninghailu")]
    [InlineData("director.ninghailu", "/whistles/new?street=ninghailu", "blow-whistle")]
    [InlineData("liaison.chengguan", "/liaison", "liaison")]
    [InlineData("admin", "/admin/users", "admin-users")]
    [InlineData("admin", "/admin/keys", "admin-keys")]
    [InlineData("admin", "/admin/kiosks", "admin-kiosks")]
    [InlineData("admin", "/admin/audit", "admin-audit")]
    [InlineData("admin", "/admin/deadletters", "admin-deadletters")]
    public async Task ConsolePage_AtBothSizesInBothLanguages_FitsAndPassesAxe(string user, string path, string name)
    {
        path = path.Replace("{whistle}", FirstWhistle(), StringComparison.Ordinal);
        var page = await wall.App.SignedInAsync(user, path.Split('?')[0]);
        var problems = new List<string>();

        foreach (var lang in Languages)
            foreach (var (width, height) in Sizes)
            {
                await page.SetViewportSizeAsync(width, height);
                await OpenAsync(page, wall.App.Address + path + (path.Contains('?') ? '&' : '?') + "lang=" + lang);
                var shot = $"{name}-{width}x{height}-{lang}";
                await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserWall.ScreenshotDirectory, shot + ".png"), FullPage = true });

                problems.AddRange((await page.EvaluateAsync<string[]>(OverflowScript)).Select(p => $"{shot}: {p}"));
                if (width == 1920)
                {
                    var axe = await page.RunAxe();
                    problems.AddRange(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v =>
                        $"{shot}: axe {v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}"));
                }
            }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
    }

    [Theory]
    [InlineData("/wall/street/ninghailu", "wall-street-ninghailu")]
    [InlineData("/wall/structure", "wall-structure")]
    public async Task WallPage_AtThreeSizesInBothLanguages_FitsTheScreenAndPassesAxe(string path, string name)
    {
        var page = await wall.App.SignedInAsync("operator", path);
        var problems = new List<string>();

        foreach (var lang in Languages)
            foreach (var (width, height) in WallSizes)
            {
                await page.SetViewportSizeAsync(width, height);
                await OpenAsync(page, $"{wall.App.Address}{path}?lang={lang}");
                problems.AddRange(await WallScreenAsync(page, $"{name}-{width}x{height}-{lang}", axe: width == 1920));
            }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
    }

    /// <summary>A wall screen as installed: a kiosk token bound to it, its link opened once (the cookie it leaves opens
    /// the screen's page from then on), no takeovers so the screen plays its wall.</summary>
    [Fact]
    public async Task KioskScreen_AtBothSizesInBothLanguages_FitsTheScreenAndPassesAxe()
    {
        const string screen = "screenshot-hall";
        await wall.App.Services.GetRequiredService<KioskStore>().SaveScreenAsync(new KioskScreen(screen, null, "single", []));
        var (token, secret) = await wall.App.Services.GetRequiredService<KioskTokenStore>().CreateAsync($"screen {screen}", [screen, "wall"], "screenshots");
        var page = await wall.App.NewPageAsync();
        await page.GotoAsync(KioskLinks.UrlFor(wall.App.Address, token, secret));
        Assert.Equal($"/kiosk/{screen}", new Uri(page.Url).AbsolutePath);
        var problems = new List<string>();

        foreach (var lang in Languages)
            foreach (var (width, height) in Sizes)
            {
                await page.SetViewportSizeAsync(width, height);
                await OpenAsync(page, $"{wall.App.Address}/kiosk/{screen}?lang={lang}");
                // The wall it plays says "connected" from the first render; the screen's own root says when it is live.
                await BrowserApp.WaitForCircuitAsync(page, ".kiosk");
                problems.AddRange(await WallScreenAsync(page, $"kiosk-{width}x{height}-{lang}", axe: width == 1920));
            }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
    }

    /// <summary>Once the wall's panels are drawn: its screenshot, then what the wall's overflow check and (at 1920×1080)
    /// axe find wrong with it.</summary>
    private static async Task<IEnumerable<string>> WallScreenAsync(IPage page, string shot, bool axe)
    {
        await page.Locator(".wall .panel").First.WaitForAsync(new() { Timeout = BrowserApp.LiveTimeout });
        // Diagrams zoom to their panel once they know its size; let that settle.
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserWall.ScreenshotDirectory, shot + ".png"), Timeout = 120_000 });
        var problems = (await page.EvaluateAsync<string[]>(WallLayoutBrowserTests.OverflowScript)).Select(p => $"{shot}: {p}").ToList();
        if (axe)
            problems.AddRange((await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v =>
                $"{shot}: axe {v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}"));
        return problems;
    }

    [Fact]
    public async Task SignInPage_AtBothSizesInBothLanguages_FitsAndPassesAxe()
    {
        var page = await wall.App.NewPageAsync();
        var problems = new List<string>();
        foreach (var lang in Languages)
            foreach (var (width, height) in Sizes)
            {
                await page.SetViewportSizeAsync(width, height);
                await OpenAsync(page, $"{wall.App.Address}/signin?lang={lang}");
                await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserWall.ScreenshotDirectory, $"signin-{width}x{height}-{lang}.png"), FullPage = true });
                problems.AddRange(await page.EvaluateAsync<string[]>(OverflowScript));
                problems.AddRange((await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"axe {v.Id}: {v.Help}"));
            }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>A whistle of the simulated district (the first by id), for the detail page.</summary>
    private string FirstWhistle() =>
        wall.App.Services.GetRequiredService<LiveState>().Current.State.Whistles.Keys.Order().First().ToString();

    /// <summary>Loads the page; an interactive one is ready once its circuit says so, a static one when loaded.</summary>
    private static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        if (await page.Locator("[data-circuit]").CountAsync() > 0)
            await page.Locator("[data-circuit='connected']").First.WaitForAsync(new() { Timeout = BrowserApp.CircuitTimeout });
        await page.EvaluateAsync("() => document.fonts.ready");
    }

    /// <summary>
    /// A console may scroll down, never sideways; each text stays in its own box unless cut with an ellipsis; and no
    /// text is squeezed into a column so narrow that it breaks a character per line (long team names on a street page).
    /// </summary>
    internal const string OverflowScript = """
        () => {
          const problems = [];
          const name = el => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '') + (el.dataset && el.dataset.testid ? '[' + el.dataset.testid + ']' : '');
          if (document.documentElement.scrollWidth > innerWidth + 1) problems.push('the page scrolls sideways (' + document.documentElement.scrollWidth + ' > ' + innerWidth + ')');
          const texts = 'button, a, label, th, td, h1, h2, h3, dt, dd, .ops-team-name, .ops-team-status, .count-tile, .meta, .queue-meta, option, .mud-button-label, .mud-chip, .mud-table-cell';
          for (const el of document.querySelectorAll(texts)) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
            const cs = getComputedStyle(el);
            const cut = cs.textOverflow === 'ellipsis' && (cs.overflowX === 'hidden' || cs.overflow === 'hidden');
            if (el.children.length === 0 && el.scrollWidth > el.clientWidth + 1 && cs.overflowX !== 'auto' && cs.overflowX !== 'scroll' && !cut && el.clientWidth > 0)
              problems.push(name(el) + ' text overflows (' + el.scrollWidth + ' > ' + el.clientWidth + '): ' + el.textContent.trim().slice(0, 30));
            const line = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.3;
            const text = el.textContent.trim();
            if (text.length >= 4 && el.children.length === 0 && r.height > line * 3.2 && r.width < parseFloat(cs.fontSize) * 2.5)
              problems.push(name(el) + ' breaks a character per line (' + Math.round(r.width) + '×' + Math.round(r.height) + '): ' + text.slice(0, 30));
          }
          return problems;
        }
        """;
}
