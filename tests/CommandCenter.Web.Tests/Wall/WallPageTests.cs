using Bunit;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Wall;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace CommandCenter.Web.Tests.Wall;

public sealed class WallPageTests
{
    [Fact]
    public async Task WallPage_Interactive_MarksTheCircuitConnectedAndFollowsTheFeed()
    {
        var time = new FakeTimeProvider(TestEvents.Noon);
        var live = LiveFixtures.LiveState(time);
        await live.HydrateAsync(default);
        using var feed = LiveFixtures.Feed(live, time);
        feed.Start();
        time.Advance(WallFeed.RebuildInterval);
        await using var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(feed);
        ctx.AddWallServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.SetRendererInfo(new RendererInfo("Server", true));

        var cut = ctx.Render<WallPage>();
        cut.WaitForAssertion(() => Assert.Equal("connected", cut.Find(".wall").GetAttribute("data-circuit")));
        Assert.Equal(13, cut.FindAll(".street-table tbody tr").Count);
        Assert.Equal("0", cut.Find("[data-kpi='tickets-received-today'] .kpi-value").TextContent);

        var fields = TestEvents.TicketReceived(TestEvents.Noon);
        var snapshot = await LiveFixtures.SnapshotOf(time, fields);
        live.Publish(snapshot);
        time.Advance(WallFeed.RebuildInterval);

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-kpi='tickets-received-today'] .kpi-value").TextContent));
        Assert.Equal(fields["id"], cut.Find("[data-event-id]").GetAttribute("data-event-id"));
    }

    [Fact]
    public async Task WallPage_Prerendered_RendersTheViewWithoutSubscribing()
    {
        var time = new FakeTimeProvider(TestEvents.Noon);
        var live = LiveFixtures.LiveState(time);
        using var feed = LiveFixtures.Feed(live, time);
        await using var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(feed);
        ctx.AddWallServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.SetRendererInfo(new RendererInfo("Static", false));

        var cut = ctx.Render<WallPage>();

        Assert.Equal("pending", cut.Find(".wall").GetAttribute("data-circuit"));
        Assert.False(cut.Find("#stale-banner").HasAttribute("hidden"));
        Assert.Equal("鼓楼区社会治理指挥中心", cut.Find("h1").TextContent);
    }
}
