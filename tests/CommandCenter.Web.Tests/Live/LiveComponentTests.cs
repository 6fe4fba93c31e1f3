using Bunit;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace CommandCenter.Web.Tests.Live;

/// <summary>The one base every live page uses: throttling, disposal and the interactive check.</summary>
public sealed class LiveComponentTests
{
    /// <summary>A live source the test drives, counting who is subscribed.</summary>
    private sealed class Source
    {
        private readonly List<Action> _handlers = [];

        public int Subscribers => _handlers.Count;

        public IDisposable Subscribe(Action changed)
        {
            _handlers.Add(changed);
            return new Subscription(() => _handlers.Remove(changed));
        }

        public void Change()
        {
            foreach (var handler in _handlers.ToList()) handler();
        }
    }

    /// <summary>The smallest live page: shows how often it rendered.</summary>
    private sealed class Probe : LiveComponent
    {
        [Parameter] public Source Feed { get; set; } = null!;
        [Parameter] public TimeSpan? Tick { get; set; }
        [Parameter] public TimeSpan? Gap { get; set; }

        public int Renders { get; private set; }

        protected override IEnumerable<IDisposable> Subscribe(Action changed) => [Feed.Subscribe(changed)];

        protected override TimeSpan? TickInterval => Tick;

        protected override TimeSpan MinimumRenderGap => Gap ?? base.MinimumRenderGap;

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            Renders++;
            builder.OpenElement(0, "p");
            builder.AddAttribute(1, "data-circuit", Circuit);
            builder.AddContent(2, Renders);
            builder.CloseElement();
        }
    }

    [Fact]
    public async Task Burst_ChangesEvery10MsForASecond_RendersAboutTenTimes()
    {
        await using var bed = new PageBed();
        var source = new Source();
        var cut = bed.Ctx.Render<Probe>(p => p.Add(c => c.Feed, source));

        for (var i = 0; i < 100; i++)
        {
            source.Change();
            bed.Time.Advance(TimeSpan.FromMilliseconds(10));
        }
        bed.Time.Advance(LiveComponent.RenderInterval);

        Assert.InRange(cut.Instance.LiveRenderCount, 9, 12);
        Assert.Equal(cut.Instance.LiveRenderCount + 1, cut.Instance.Renders);
    }

    [Fact]
    public async Task Change_AfterAQuietSpell_RendersAtOnce()
    {
        await using var bed = new PageBed();
        var source = new Source();
        var cut = bed.Ctx.Render<Probe>(p => p.Add(c => c.Feed, source));

        source.Change();

        Assert.Equal(1, cut.Instance.LiveRenderCount);
        source.Change();
        source.Change();
        Assert.Equal(1, cut.Instance.LiveRenderCount);
        bed.Time.Advance(LiveComponent.RenderInterval);
        Assert.Equal(2, cut.Instance.LiveRenderCount);
    }

    [Fact]
    public async Task Change_FromACoalescedSourceSoonerThanTheInterval_RendersAtOnceWithoutAGap()
    {
        await using var bed = new PageBed();
        var source = new Source();
        var cut = bed.Ctx.Render<Probe>(p => p.Add(c => c.Feed, source).Add(c => c.Gap, TimeSpan.Zero));

        source.Change();
        bed.Time.Advance(TimeSpan.FromMilliseconds(93)); // the wall feed's next publish, its build 7 ms quicker than the last
        source.Change();

        Assert.Equal(2, cut.Instance.LiveRenderCount);
        Assert.Equal(0, bed.Clock.LiveTimers);
    }

    [Fact]
    public async Task Dispose_EndsTheSubscriptionAndTheTimers()
    {
        await using var bed = new PageBed();
        var source = new Source();
        var cut = bed.Ctx.Render<Probe>(p => p.Add(c => c.Feed, source).Add(c => c.Tick, TimeSpan.FromSeconds(1)));
        source.Change();
        source.Change(); // a render now waits on the throttle's timer
        Assert.Equal(1, source.Subscribers);
        Assert.Equal(2, bed.Clock.LiveTimers);

        cut.Instance.Dispose();
        source.Change();
        bed.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, source.Subscribers);
        Assert.Equal(0, bed.Clock.LiveTimers);
        Assert.Equal(1, cut.Instance.LiveRenderCount);
    }

    [Fact]
    public async Task NotInteractive_FollowsNothingAndRendersOnce()
    {
        await using var bed = PageBed.Static();
        var source = new Source();
        var cut = bed.Ctx.Render<Probe>(p => p.Add(c => c.Feed, source).Add(c => c.Tick, TimeSpan.FromSeconds(1)));

        source.Change();
        bed.Time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(0, source.Subscribers);
        Assert.Equal(0, bed.Clock.LiveTimers);
        Assert.Equal(0, cut.Instance.LiveRenderCount);
        Assert.Equal(1, cut.Instance.Renders);
        Assert.Equal("pending", cut.Find("p").GetAttribute("data-circuit"));
    }

    [Fact]
    public async Task Tick_WithNoChange_RendersEachInterval()
    {
        await using var bed = new PageBed();
        var cut = bed.Ctx.Render<Probe>(p => p.Add(c => c.Feed, new Source()).Add(c => c.Tick, TimeSpan.FromSeconds(1)));

        for (var second = 0; second < 3; second++)
            bed.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(3, cut.Instance.LiveRenderCount);
        Assert.Equal("connected", cut.Find("p").GetAttribute("data-circuit"));
    }

    [Fact]
    public async Task LiveState_ByDefault_IsWhatAPageFollows()
    {
        await using var bed = new PageBed();
        await bed.CatchUpAsync();
        var cut = bed.Ctx.Render<LiveStateProbe>();

        await bed.GivenAsync(TestEvents.TicketReceived(TestEvents.Noon));

        Assert.Equal(1, cut.Instance.LiveRenderCount);
        Assert.Equal("1", cut.Find("p").TextContent);
    }

    private sealed class LiveStateProbe : LiveComponent
    {
        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "p");
            builder.AddContent(1, Live.Current.State.Tickets.Count);
            builder.CloseElement();
        }
    }
}
