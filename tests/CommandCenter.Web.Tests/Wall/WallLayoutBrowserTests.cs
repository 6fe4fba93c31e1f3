using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CommandCenter.Web.Tests.Wall;

/// <summary>
/// The wall at its target sizes in a real browser, with simulated live data: a screenshot of each is kept in
/// tests/artifacts/screenshots/, and the test fails when anything leaves its box, the page scrolls, or any text is
/// smaller than 1rem (16 px at 1080p, readable from 5 m on a wall screen).
/// </summary>
public sealed class WallLayoutBrowserTests(BrowserWall wall) : IClassFixture<BrowserWall>
{
    [Theory]
    [InlineData(1920, 1080, "zh-CN")]
    [InlineData(1366, 768, "zh-CN")]
    [InlineData(3840, 2160, "zh-CN")]
    [InlineData(5760, 1080, "zh-CN")]
    [InlineData(1920, 1080, "en-US")]
    [InlineData(1366, 768, "en-US")]
    [InlineData(3840, 2160, "en-US")]
    [InlineData(5760, 1080, "en-US")]
    public async Task Wall_AtEachSize_FitsEveryBoxWithReadableTextAndIsScreenshot(int width, int height, string lang)
    {
        var page = await wall.OpenAsync($"/wall?lang={lang}", width, height);
        await WaitForWidgetsAsync(page);

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserWall.ScreenshotDirectory, $"wall-{width}x{height}-{lang}.png"), Timeout = 120_000 });

        var overflow = await page.EvaluateAsync<string[]>(OverflowScript);
        Assert.True(overflow.Length == 0, $"{width}×{height} {lang}: " + string.Join("; ", overflow.Take(12)));
        var small = await page.EvaluateAsync<string[]>(SmallTextScript);
        Assert.True(small.Length == 0, $"{width}×{height} {lang} text below 1rem: " + string.Join("; ", small.Take(12)));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task Wall_Axe_HasNoSeriousOrCriticalViolation(string lang)
    {
        var page = await wall.OpenAsync($"/wall?lang={lang}", 1920, 1080);
        await WaitForWidgetsAsync(page);

        var results = await page.RunAxe();

        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")));
    }

    internal static async Task WaitForWidgetsAsync(IPage page)
    {
        await page.Locator(".loop-node").Nth(5).WaitForAsync(new() { Timeout = 15_000 });
        await page.Locator(".ticker-row").First.WaitForAsync(new() { Timeout = 15_000 });
        // The diagram zooms to its panel once it knows the panel's size; let that and the fonts settle.
        await page.EvaluateAsync("() => document.fonts.ready");
        await page.WaitForTimeoutAsync(500);
    }

    /// <summary>Every box on screen, and each label, number and node inside its own box (ticker rows below the fold excepted).</summary>
    internal const string OverflowScript = """
        () => {
          const problems = [];
          const tol = 1.5;
          const inside = (r, b, vertical) => r.left >= b.left - tol && r.right <= b.right + tol && (!vertical || (r.top >= b.top - tol && r.bottom <= b.bottom + tol));
          const name = el => el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined ? '.' + String(el.className).trim().split(/\s+/).join('.') : '') + (el.dataset && el.dataset.street ? '[' + el.dataset.street + ']' : '');
          const root = document.documentElement;
          if (root.scrollWidth > innerWidth || root.scrollHeight > innerHeight) problems.push('the page scrolls');
          const screen = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
          const boxes = [...document.querySelectorAll('.wall-header, .kpi-group, .panel, .replay-banner, #stale-banner:not([hidden])')];
          for (const box of boxes) if (!inside(box.getBoundingClientRect(), screen, true)) problems.push(name(box) + ' leaves the screen');
          const items = '.kpi-label, .kpi-value, .kpi-detail, .sparkline, .team-cell, .team-label, .street-table tr, .loop-node, .map-street text, .map-legend, .panel-title, .wall-title, .clock, .freshness, .lang-switch, .ticker-row';
          for (const el of document.querySelectorAll(items)) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) continue;
            const box = el.parentElement.closest('.kpi-tile, .team-cell, .panel, .kpi-group, .wall-header');
            if (!box) continue;
            const vertical = !el.classList.contains('ticker-row');
            if (!inside(r, box.getBoundingClientRect(), vertical)) problems.push(name(el) + ' leaves ' + name(box));
            // Text wider than its own element runs into its neighbour; an ellipsis is a deliberate cut, not an overflow.
            const cs = getComputedStyle(el);
            if (!(el instanceof SVGElement) && el.scrollWidth > el.clientWidth + 1 && !(cs.textOverflow === 'ellipsis' && cs.overflowX === 'hidden'))
              problems.push(name(el) + ' text overflows (' + el.scrollWidth + ' > ' + el.clientWidth + ')');
          }
          // Neighbours that overlap: a long title over the clock, a long label over the next column.
          const overlaps = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > tol && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > tol;
          for (const row of document.querySelectorAll('.wall-header, .wall-header-side, .kpi-row, .team-status, .ticker-row, .kpi-band, .loop-node')) {
            const kids = [...row.children].filter(k => k.getClientRects().length > 0 && getComputedStyle(k).position !== 'fixed');
            for (let i = 0; i < kids.length; i++)
              for (let j = i + 1; j < kids.length; j++)
                if (overlaps(kids[i].getBoundingClientRect(), kids[j].getBoundingClientRect())) problems.push(name(kids[i]) + ' overlaps ' + name(kids[j]));
          }
          return problems;
        }
        """;

    /// <summary>Rendered text size: the computed size times any zoom (the diagram) or SVG scale (the map).</summary>
    internal const string SmallTextScript = """
        () => {
          const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
          const small = [];
          const walker = document.createTreeWalker(document.querySelector('.wall'), NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const text = walker.currentNode;
            if (!text.textContent.trim()) continue;
            const el = text.parentElement;
            if (!el || el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
            if (el.closest('[hidden], title')) continue;
            let size = parseFloat(getComputedStyle(el).fontSize);
            if (el instanceof SVGElement) {
              const m = el.getScreenCTM();
              if (m) size *= Math.hypot(m.a, m.b);
            } else if (el.offsetWidth > 0) {
              // offsetWidth is rounded to a whole pixel: a difference within that rounding (a one-character label) is no zoom.
              const width = el.getBoundingClientRect().width;
              if (Math.abs(width - el.offsetWidth) > 0.5) size *= width / el.offsetWidth;
            }
            if (size < rem * 0.97) small.push(`${text.textContent.trim().slice(0, 20)} (${size.toFixed(1)}px < ${rem.toFixed(1)}px) in ${el.tagName.toLowerCase()}.${String(el.className.baseVal ?? el.className)}`);
          }
          return small;
        }
        """;
}
