using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Wall;

public sealed class WallFeedTests
{
    private readonly FakeTimeProvider _time = new(TestEvents.Noon);

    [Fact]
    public async Task Changed_ThousandLiveChangesWithin100Ms_BuildsAtMostTwoViews()
    {
        var live = LiveFixtures.LiveState(_time);
        await live.HydrateAsync(default);
        using var feed = LiveFixtures.Feed(live, _time);
        var notices = 0;
        using var subscription = feed.Subscribe(() => notices++);
        feed.Start();
        var buildsBefore = feed.BuildCount;
        var noticesBefore = notices;
        var baseline = live.Current;

        for (var i = 1; i <= 1000; i++)
        {
            live.Publish(baseline with { Version = baseline.Version + i, LastReceivedAt = _time.GetUtcNow() });
            _time.Advance(TimeSpan.FromMicroseconds(100));
        }

        Assert.InRange(feed.BuildCount - buildsBefore, 1, 2);
        Assert.Equal(feed.BuildCount - buildsBefore, notices - noticesBefore);
        Assert.False(feed.Current.IsStale);
    }

    [Fact]
    public async Task Current_AfterBurst_ReflectsTheLastSnapshotOnTheNextTick()
    {
        var live = LiveFixtures.LiveState(_time);
        await live.HydrateAsync(default);
        using var feed = LiveFixtures.Feed(live, _time);
        using var watching = feed.Subscribe(() => { });
        feed.Start();
        _time.Advance(WallFeedRebuild);
        var builds = feed.BuildCount;

        var last = await LiveFixtures.SnapshotOf(_time, TestEvents.TicketReceived(TestEvents.Noon), TestEvents.TicketReceived(TestEvents.Noon));
        live.Publish(last);
        Assert.Equal(builds, feed.BuildCount);
        _time.Advance(WallFeedRebuild);

        Assert.Equal(builds + 1, feed.BuildCount);
        Assert.Equal(2, feed.Current.Kpis.TicketsReceivedToday);
        Assert.Equal(2, feed.Current.Ticker.Length);
    }

    [Fact]
    public async Task Rebuild_NothingInTheStateChanged_HandsOnEveryPartOfThePreviousView()
    {
        var live = LiveFixtures.LiveState(_time);
        await live.HydrateAsync(default);
        using var feed = LiveFixtures.Feed(live, _time);
        using var watching = feed.Subscribe(() => { });
        feed.Start();
        var first = await LiveFixtures.SnapshotOf(_time, TestEvents.TicketReceived(TestEvents.Noon), TestEvents.IncidentReported(TestEvents.Noon, "ninghailu-c01-g001"));
        live.Publish(first);
        _time.Advance(WallFeedRebuild);
        var before = feed.Current;

        live.Publish(first with { Version = first.Version + 1 }); // a new snapshot, the same state
        _time.Advance(WallFeedRebuild);
        var after = feed.Current;

        Assert.NotEqual(before.Version, after.Version);
        Assert.Same(before.Kpis, after.Kpis);
        Assert.True(before.Streets == after.Streets, "the street rows should be the previous view's");
        Assert.True(before.Ticker == after.Ticker, "the ticker should be the previous view's");
        Assert.True(before.WhistleLoop == after.WhistleLoop, "the whistle loop should be the previous view's");
        Assert.True(before.Structure == after.Structure, "the structure should be the previous view's");
        Assert.Same(before.Sparklines, after.Sparklines);
        Assert.Same(before.Trends, after.Trends);
        Assert.NotEmpty(after.StreetKpis!);
        Assert.All(after.StreetKpis!, street => Assert.Same(before.StreetKpis![street.Key], street.Value));
        Assert.All(after.StreetTrends!, street => Assert.Same(before.StreetTrends![street.Key], street.Value));
        Assert.All(after.StreetTickers!, street => Assert.True(before.StreetTickers![street.Key] == street.Value, $"{street.Key}'s ticker should be the previous view's"));
    }

    [Fact]
    public async Task Rebuild_ANewTicket_ReplacesWhatItChangesAndKeepsTheRest()
    {
        var live = LiveFixtures.LiveState(_time);
        await live.HydrateAsync(default);
        using var feed = LiveFixtures.Feed(live, _time);
        using var watching = feed.Subscribe(() => { });
        feed.Start();
        live.Publish(await LiveFixtures.SnapshotOf(_time, TestEvents.TicketReceived(TestEvents.Noon)));
        _time.Advance(WallFeedRebuild);
        var before = feed.Current;

        live.Publish(await LiveFixtures.SnapshotOf(_time, TestEvents.TicketReceived(TestEvents.Noon), TestEvents.TicketReceived(TestEvents.Noon)));
        _time.Advance(WallFeedRebuild);
        var after = feed.Current;

        Assert.False(before.Ticker == after.Ticker, "a new ticker row should give a new ticker");
        Assert.NotSame(before.Kpis, after.Kpis);
        Assert.Equal(2, after.Kpis.TicketsReceivedToday);
        Assert.True(before.WhistleLoop == after.WhistleLoop, "no whistle changed: the loop should be the previous view's");
        var street = after.Ticker[0].StreetCode;
        Assert.Equal(2, after.TickerOf(street).Length);
        Assert.All(after.StreetTickers!, other => Assert.True((other.Key == street) != (before.StreetTickers![other.Key] == other.Value),
            $"only the ticket's street ({street}) should get a new ticker, not {other.Key}"));
    }

    [Fact]
    public async Task Timers_NobodyWatching_BuildNothingUntilAReadThenOneView()
    {
        var live = LiveFixtures.LiveState(_time);
        await live.HydrateAsync(default);
        using var feed = LiveFixtures.Feed(live, _time);
        feed.Start();
        var builds = feed.BuildCount;
        var baseline = live.Current;

        for (var i = 1; i <= 50; i++)
        {
            live.Publish(baseline with { Version = baseline.Version + i, LastReceivedAt = _time.GetUtcNow() });
            _time.Advance(TimeSpan.FromMilliseconds(200)); // ten seconds of rebuild and clock ticks
        }

        Assert.Equal(builds, feed.BuildCount);
        Assert.Equal(TestEvents.Noon.AddSeconds(10), feed.Current.Now); // a read brings the view up to date…
        Assert.Equal(builds + 1, feed.BuildCount); // …with one build
    }

    [Fact]
    public async Task Current_NoLiveChanges_BuildsNothingFurther()
    {
        var live = LiveFixtures.LiveState(_time);
        await live.HydrateAsync(default);
        using var feed = LiveFixtures.Feed(live, _time);
        feed.Start();
        _time.Advance(WallFeedRebuild);
        var builds = feed.BuildCount;

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(builds, feed.BuildCount);
    }

    [Fact]
    public async Task IsStale_NothingReceivedForTenSeconds_TurnsStaleWithoutALiveChange()
    {
        var live = LiveFixtures.LiveState(_time);
        await live.HydrateAsync(default);
        using var feed = LiveFixtures.Feed(live, _time);
        var notices = 0;
        using var subscription = feed.Subscribe(() => notices++);
        feed.Start();
        _time.Advance(WallFeedRebuild);
        Assert.False(feed.Current.IsStale);
        var asOf = feed.Current.DataAsOf;

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(feed.Current.IsStale);
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.True(feed.Current.IsStale);
        Assert.Equal(asOf, feed.Current.DataAsOf);
        Assert.Equal(1, feed.BuildCount);
        Assert.True(notices >= 10, "the clock tick tells circuits every second");
    }

    [Fact]
    public async Task IsStale_EventArrivesAfterStaleness_TurnsFreshAgain()
    {
        var live = LiveFixtures.LiveState(_time);
        await live.HydrateAsync(default);
        using var feed = LiveFixtures.Feed(live, _time);
        feed.Start();
        _time.Advance(TimeSpan.FromSeconds(12));
        Assert.True(feed.Current.IsStale);

        live.Publish(live.Current with { LastReceivedAt = _time.GetUtcNow(), Version = 99 });
        _time.Advance(WallFeedRebuild);

        Assert.False(feed.Current.IsStale);
    }

    [Fact]
    public async Task Start_BeforeAnyTick_AlreadyHasAFullView()
    {
        var live = LiveFixtures.LiveState(_time);
        await live.HydrateAsync(default);
        using var feed = LiveFixtures.Feed(live, _time);

        feed.Start();

        Assert.Equal(13, feed.Current.Streets.Length);
        Assert.Equal(1, feed.BuildCount);
    }

    [Fact]
    public void IsStale_BeforeHydration_IsStale()
    {
        var live = LiveFixtures.LiveState(_time);
        using var feed = LiveFixtures.Feed(live, _time);
        feed.Start();

        _time.Advance(WallFeedRebuild);

        Assert.True(feed.Current.IsStale);
        Assert.False(feed.Current.IsHydrated);
        Assert.Equal(LiveSnapshot.Empty, live.Current);
    }

    private static TimeSpan WallFeedRebuild => Web.Wall.WallFeed.RebuildInterval;
}
