using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Wall;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Wall;

public sealed class WallViewBuilderTests
{
    private readonly FakeTimeProvider _time = new(TestEvents.Noon);

    [Fact]
    public async Task Build_TicketsTodayAndYesterday_CountsOnlyTodayInDistrictTime()
    {
        // 23:30 the day before in Nanjing is still "yesterday" although it is the same UTC date as noon.
        var yesterdayLate = new DateTimeOffset(2026, 11, 26, 23, 30, 0, TimeSpan.FromHours(8));
        var snapshot = await LiveFixtures.SnapshotOf(_time,
            TestEvents.TicketReceived(yesterdayLate),
            TestEvents.TicketReceived(TestEvents.Noon.AddHours(-11.5)),
            TestEvents.TicketReceived(TestEvents.Noon, street: "xiaoshi"));

        var view = LiveFixtures.Builder().Build(snapshot, TestEvents.Noon, version: 7);

        Assert.Equal(2, view.Kpis.TicketsReceivedToday);
        Assert.Equal(0, view.Kpis.TicketsOverdue);
        Assert.Equal(7, view.Version);
        Assert.Equal(TimeSpan.FromHours(8), view.Now.Offset);
    }

    [Fact]
    public async Task Build_AnyState_HasThirteenStreetRowsInDistrictOrder()
    {
        var snapshot = await LiveFixtures.SnapshotOf(_time,
            TestEvents.TicketReceived(TestEvents.Noon, street: "xiaoshi"),
            TestEvents.TicketReceived(TestEvents.Noon, street: "xiaoshi"),
            TestEvents.IncidentReported(TestEvents.Noon, "xiaoshi-c01-g001", street: "xiaoshi"));

        var view = LiveFixtures.Builder().Build(snapshot, TestEvents.Noon, 1);

        Assert.Equal(13, view.Streets.Length);
        Assert.Equal(DistrictModel.Gulou.Streets.Select(s => s.Code), view.Streets.Select(r => r.Code));
        Assert.Equal("宁海路", view.Streets[0].Name.Zh);
        Assert.Equal("Ninghailu", view.Streets[0].Name.En);
        var xiaoshi = Assert.Single(view.Streets, r => r.Code == "xiaoshi");
        Assert.Equal(3, xiaoshi.Open);
        Assert.Null(xiaoshi.OnTimeRate);
    }

    [Fact]
    public async Task Build_OpenTicketPastDue_CountsAsOverdueOnItsStreet()
    {
        var snapshot = await LiveFixtures.SnapshotOf(_time, TestEvents.TicketReceived(TestEvents.Noon, street: "jiangdong"));

        var view = LiveFixtures.Builder().Build(snapshot, TestEvents.Noon.AddDays(4), 1);

        Assert.Equal(1, view.Kpis.TicketsOverdue);
        Assert.Equal(1, view.Streets.Single(r => r.Code == "jiangdong").Overdue);
    }

    [Fact]
    public async Task Build_RecentEvents_MakesTickerRowsWithChineseLabelsNewestFirst()
    {
        var first = TestEvents.TicketReceived(TestEvents.Noon, street: "hunanlu", content: "噪音扰民");
        var second = TestEvents.IncidentReported(TestEvents.Noon.AddSeconds(5), "ninghailu-c01-g001", title: "井盖缺失");
        var snapshot = await LiveFixtures.SnapshotOf(_time, first, second);

        var view = LiveFixtures.Builder().Build(snapshot, TestEvents.Noon, 1);

        Assert.Equal([second["id"], first["id"]], view.Ticker.Select(r => r.EventId));
        var ticket = view.Ticker[1];
        Assert.Equal("12:00:00", ticket.Time);
        Assert.Equal("湖南路", ticket.StreetName.Zh);
        Assert.Equal("12345 来电", ticket.TypeLabel.Zh);
        Assert.Equal("12345 call", ticket.TypeLabel.En);
        Assert.Contains("噪音扰民", ticket.Summary.Zh);
        Assert.Equal("ticket", ticket.Tone);
        Assert.Equal("事件上报", view.Ticker[0].TypeLabel.Zh);
        Assert.Contains("井盖缺失", view.Ticker[0].Summary.Zh);
    }

    [Fact]
    public void IsStale_ReceivedJustNowOrLongAgo_FollowsTheTenSecondRule()
    {
        var received = LiveSnapshot.Empty with { IsHydrated = true, LastReceivedAt = TestEvents.Noon };

        Assert.False(WallViewBuilder.IsStale(received, null, TestEvents.Noon.AddSeconds(10)));
        Assert.True(WallViewBuilder.IsStale(received, null, TestEvents.Noon.AddSeconds(10.5)));
        Assert.True(WallViewBuilder.IsStale(LiveSnapshot.Empty, null, TestEvents.Noon));
    }

    [Fact]
    public void TypeLabel_EveryCatalogType_HasAChineseAndAnEnglishLabel()
    {
        foreach (var type in EventTypes.Domain)
        {
            Assert.NotEqual(type, EventLabels.TypeLabel(type).Zh);
            Assert.NotEqual(type, EventLabels.TypeLabel(type).En);
        }
    }
}
