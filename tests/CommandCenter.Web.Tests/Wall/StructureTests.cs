using Bunit;
using CommandCenter.Web.Streets;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Wall;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Wall;

public sealed class StructureTests
{
    private static async Task<WallView> ViewWithWork(FakeTimeProvider time)
    {
        var snapshot = await LiveFixtures.SnapshotOf(time,
            TestEvents.TicketReceived(TestEvents.Noon, street: "fenghuang"),
            TestEvents.TicketReceived(TestEvents.Noon.AddDays(-5), street: "fenghuang"),
            TestEvents.IncidentReported(TestEvents.Noon, "xiaoshi-c01-g001", street: "xiaoshi"));
        return LiveFixtures.Builder().Build(snapshot, TestEvents.Noon, 1);
    }

    [Fact]
    public async Task StructureDiagram_Interactive_DrawsDistrictStreetsAndBodiesWithTheirLoads()
    {
        var view = await ViewWithWork(new FakeTimeProvider(TestEvents.Noon));
        await using var bed = new PageBed();
        var ctx = bed.Ctx;
        ctx.SetRendererInfo(new RendererInfo("Server", true));

        var cut = ctx.Render<StructureDiagram>(p => p.Add(c => c.Loads, view.Structure).Add(c => c.StreetHref, code => $"wall/street/{code}"));

        cut.WaitForAssertion(() => Assert.Equal(1 + 13 + 13 * 8, cut.FindAll(".structure-node").Count));
        Assert.Equal("3/1", cut.Find("[data-node='district:district'] [data-testid='load']").TextContent);
        Assert.Equal("2/1", cut.Find("[data-node='street:fenghuang'] [data-testid='load']").TextContent);
        Assert.Equal("wall/street/fenghuang", cut.Find("[data-node='street:fenghuang'] a").GetAttribute("href"));
        Assert.Equal(1 + 13 + 13 * 8 - 1, cut.FindAll(".diagram-link").Count);
    }

    [Fact]
    public async Task StreetWallPage_Street_ShowsOnlyThatStreetsFiguresAndEvents()
    {
        await using var bed = PageBed.Static();
        var fenghuang = TestEvents.TicketReceived(TestEvents.Noon, street: "fenghuang");
        var xiaoshi = TestEvents.TicketReceived(TestEvents.Noon, street: "xiaoshi");
        await bed.GivenAsync(fenghuang, xiaoshi);
        bed.StartFeed();

        var cut = bed.Ctx.Render<StreetWallPage>(p => p.Add(c => c.Code, "fenghuang"));

        Assert.Contains("凤凰", cut.Find("h1").TextContent);
        Assert.Equal("1", cut.Find("[data-kpi='tickets-received-today'] .kpi-value").TextContent);
        Assert.Equal([fenghuang["id"]], cut.FindAll("[data-event-id]").Select(e => e.GetAttribute("data-event-id")));
        Assert.Equal(8, cut.FindAll(".body-loads li").Count);
    }

    [Fact]
    public async Task StreetWallPage_NewsOfAnotherStreet_RedrawsNeitherItsTickerNorItsTiles()
    {
        await using var bed = new PageBed();
        await bed.GivenAsync(TestEvents.TicketReceived(TestEvents.Noon, street: "fenghuang"));
        bed.StartFeed();
        var cut = bed.Ctx.Render<StreetWallPage>(p => p.Add(c => c.Code, "fenghuang"));
        var ticker = cut.FindComponent<Ticker>();
        var tiles = cut.FindComponent<KpiTiles>();
        var trends = cut.FindComponent<TrendPanel>();
        var before = (Page: cut.Instance.LiveRenderCount, Ticker: ticker.RenderCount, Tiles: tiles.RenderCount, Trends: trends.RenderCount);

        await bed.GivenAsync(TestEvents.TicketReceived(TestEvents.Noon, street: "xiaoshi"));
        bed.Time.Advance(WallFeed.RebuildInterval);
        cut.WaitForAssertion(() => Assert.True(cut.Instance.LiveRenderCount > before.Page, "the page should follow the feed"));

        Assert.Equal(before.Ticker, ticker.RenderCount);
        Assert.Equal(before.Tiles, tiles.RenderCount);
        Assert.Equal(before.Trends, trends.RenderCount);

        // The control: news of this street draws both again.
        await bed.GivenAsync(TestEvents.TicketReceived(TestEvents.Noon, street: "fenghuang"));
        bed.Time.Advance(WallFeed.RebuildInterval);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-event-id]").Count));
        Assert.True(ticker.RenderCount > before.Ticker, "this street's new row should draw the ticker again");
        Assert.True(tiles.RenderCount > before.Tiles, "this street's new ticket should draw its tiles again");
    }
}
