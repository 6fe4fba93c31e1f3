using Bunit;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Wall;

namespace CommandCenter.Web.Tests.Wall;

public sealed class WallPageTests
{
    [Fact]
    public async Task WallPage_Interactive_MarksTheCircuitConnectedAndFollowsTheFeed()
    {
        await using var bed = new PageBed("operator", Infrastructure.Security.Roles.Operator);
        await bed.CatchUpAsync();
        bed.StartFeed();
        bed.Time.Advance(WallFeed.RebuildInterval);

        var cut = bed.Ctx.Render<WallPage>();
        cut.WaitForAssertion(() => Assert.Equal("connected", cut.Find(".wall").GetAttribute("data-circuit")));
        Assert.Equal(13, cut.FindAll(".street-table tbody tr").Count);
        Assert.Equal("0", cut.Find("[data-kpi='tickets-received-today'] .kpi-value").TextContent);

        var fields = TestEvents.TicketReceived(TestEvents.Noon);
        await bed.GivenAsync(fields);
        bed.Time.Advance(WallFeed.RebuildInterval);

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-kpi='tickets-received-today'] .kpi-value").TextContent));
        Assert.Equal(fields["id"], cut.Find("[data-event-id]").GetAttribute("data-event-id"));
    }

    [Fact]
    public async Task WallPage_Prerendered_RendersTheViewWithoutSubscribing()
    {
        await using var bed = PageBed.Static();

        var cut = bed.Ctx.Render<WallPage>();

        Assert.Equal("pending", cut.Find(".wall").GetAttribute("data-circuit"));
        Assert.False(cut.Find("#stale-banner").HasAttribute("hidden"));
        Assert.Equal("鼓楼区社会治理指挥中心", cut.Find("h1").TextContent);
    }
}
