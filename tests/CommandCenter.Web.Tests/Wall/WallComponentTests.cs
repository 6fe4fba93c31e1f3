using System.Collections.Immutable;
using Bunit;
using CommandCenter.Web.Wall;
using CommandCenter.Web.Tests.Fakes;

namespace CommandCenter.Web.Tests.Wall;

public sealed class WallComponentTests
{

    private static readonly WallKpis Kpis = new(
        IncidentsReportedToday: 128, IncidentsOpen: 342, IncidentsOverdue: 7,
        TicketsReceivedToday: 1_024, TicketsClosedToday: 913, TicketsOverdue: 0,
        OnTimeClosureRate: 0.9634, SatisfactionRate: 0.975,
        WhistlesWorkAdvance: 3, WhistlesToughProblem: 2, WhistlesDistrict: 1,
        DepartmentsNotReported: 4, DepartmentsWaiting: [new("区城管局", "Urban Mgmt"), new("区住建局", "Housing"), new("区民政局", "Civil Affairs")],
        Teams: new TeamCounts(Available: 40, Dispatched: 12, EnRoute: 9, OnScene: 11, OffDuty: 6));

    [Fact]
    public async Task KpiTiles_GivenKpis_ShowsEachNumberInItsTile()
    {
        await using var bed = new PageBed();
        var ctx = bed.Ctx;

        var cut = ctx.Render<KpiTiles>(p => p.Add(c => c.Kpis, Kpis));

        string Value(string key) => cut.Find($"[data-kpi='{key}'] .kpi-value").TextContent;
        Assert.Equal("128", Value("incidents-reported-today"));
        Assert.Equal("342", Value("incidents-open"));
        Assert.Equal("7", Value("incidents-overdue"));
        Assert.Equal("1,024", Value("tickets-received-today"));
        Assert.Equal("913", Value("tickets-closed-today"));
        Assert.Equal("0", Value("tickets-overdue"));
        Assert.Equal("96.3%", Value("on-time-rate"));
        Assert.Equal("97.5%", Value("satisfaction"));
        Assert.Equal("6", Value("whistles-active"));
        Assert.Equal("4", Value("departments-not-reported"));
        Assert.Equal("2", cut.Find("[data-level='tough-problem'] b").TextContent);
        Assert.Equal("区城管局、区住建局 等3个", cut.Find("[data-kpi='departments-not-reported'] .waiting").TextContent);
        Assert.Equal("12", cut.Find("[data-team-status='dispatched'] .team-count").TextContent);
        Assert.Equal("6", cut.Find("[data-team-status='off-duty'] .team-count").TextContent);
        Assert.Contains("tone-alert", cut.Find("[data-kpi='incidents-overdue']").ClassName);
        Assert.Contains("tone-good", cut.Find("[data-kpi='tickets-overdue']").ClassName);
    }

    [Fact]
    public async Task KpiTiles_NothingRatedYet_ShowsADashNotZeroPercent()
    {
        await using var bed = new PageBed();
        var ctx = bed.Ctx;

        var cut = ctx.Render<KpiTiles>(p => p.Add(c => c.Kpis, WallKpis.Zero));

        Assert.Equal("—", cut.Find("[data-kpi='on-time-rate'] .kpi-value").TextContent);
    }

    [Fact]
    public async Task StreetTable_ThirteenStreets_RendersThirteenRowsWithTheirFigures()
    {
        await using var bed = new PageBed();
        var ctx = bed.Ctx;
        var rows = Enumerable.Range(1, 13).Select(i => new StreetRow($"s{i}", new Bilingual($"街道{i}", $"Street {i}"), Open: i * 10, Overdue: i % 3, OnTimeRate: i / 13.0, Rank: 14 - i)).ToImmutableArray();

        var cut = ctx.Render<StreetTable>(p => p.Add(c => c.Rows, rows));

        var trs = cut.FindAll("tbody tr");
        Assert.Equal(13, trs.Count);
        var fifth = cut.Find("tr[data-street='s5']");
        Assert.Equal(["9", "街道5", "50", "2", "38.5%"], fifth.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Contains("is-overdue", fifth.QuerySelectorAll("td")[3].ClassName);
        Assert.DoesNotContain("is-overdue", cut.Find("tr[data-street='s3']").QuerySelectorAll("td")[3].ClassName ?? "");
        // The ranking's order: rank 1 first.
        Assert.Equal("s13", trs[0].GetAttribute("data-street"));
        Assert.Equal("s1", trs[12].GetAttribute("data-street"));
    }

    [Fact]
    public async Task Ticker_Rows_CarryTheirEventIdsInOrder()
    {
        await using var bed = new PageBed();
        var ctx = bed.Ctx;
        var rows = ImmutableArray.Create(
            new TickerRow("id-2", "12:00:05", Bilingual.Same("湖南路"), Bilingual.Same("事件上报"), Bilingual.Same("市容环境｜占道经营"), "incident"),
            new TickerRow("id-1", "12:00:00", Bilingual.Same("宁海路"), Bilingual.Same("12345 来电"), Bilingual.Same("市政设施｜路灯不亮"), "ticket"));

        var cut = ctx.Render<Ticker>(p => p.Add(c => c.Rows, rows));

        var items = cut.FindAll("[data-event-id]");
        Assert.Equal(["id-2", "id-1"], items.Select(li => li.GetAttribute("data-event-id")));
        Assert.Equal("湖南路", items[0].QuerySelector(".ticker-street")!.TextContent);
        Assert.Equal("12345 来电", items[1].QuerySelector(".ticker-type")!.TextContent);
    }

    [Fact]
    public async Task Ticker_Row_HoldsItsCellsWithNoTextBetweenThem()
    {
        // Whitespace between the cells would be a markup frame of its own, which the browser parses as HTML for every
        // new row: at 1,000 events a second that was 1,400 parses a second (docs/benchmarks.md, the wall's browser side).
        await using var bed = new PageBed();
        var rows = ImmutableArray.Create(
            new TickerRow("id-1", "12:00:00", Bilingual.Same("宁海路"), Bilingual.Same("12345 来电"), Bilingual.Same("市政设施｜路灯不亮"), "ticket"));

        var cut = bed.Ctx.Render<Ticker>(p => p.Add(c => c.Rows, rows));

        var row = cut.Find("[data-event-id='id-1']");
        Assert.Equal(4, row.ChildNodes.Length);
        Assert.All(row.ChildNodes, node => Assert.Equal(AngleSharp.Dom.NodeType.Element, node.NodeType));
    }

    [Fact]
    public async Task Ticker_TheSameRowsAgain_SkipsTheRenderAndNewRowsDrawAgain()
    {
        await using var bed = new PageBed();
        var rows = ImmutableArray.Create(
            new TickerRow("id-1", "12:00:00", Bilingual.Same("宁海路"), Bilingual.Same("12345 来电"), Bilingual.Same("市政设施｜路灯不亮"), "ticket"));
        var cut = bed.Ctx.Render<Ticker>(p => p.Add(c => c.Rows, rows));
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(c => c.Rows, rows));
        Assert.Equal(renders, cut.RenderCount);

        cut.Render(p => p.Add(c => c.Rows, rows.Insert(0, rows[0] with { EventId = "id-2" })));
        Assert.True(cut.RenderCount > renders, "new rows should draw again");
        Assert.Equal(2, cut.FindAll("[data-event-id]").Count);
    }

    [Fact]
    public async Task Ticker_OneOrTwoNewRows_FlashTheNewestAndABurstFlashesNone()
    {
        await using var bed = new PageBed();
        static TickerRow Row(int n) => new($"id-{n}", "12:00:00", Bilingual.Same("宁海路"), Bilingual.Same("12345 来电"), Bilingual.Same("市政设施｜路灯不亮"), "ticket");
        static ImmutableArray<TickerRow> Newest(int last, int count) => [.. Enumerable.Range(0, count).Select(i => Row(last - i))];
        string[] Arriving(IRenderedComponent<Ticker> cut) => [.. cut.FindAll(".ticker-row.is-arriving").Select(row => row.GetAttribute("data-event-id")!)];

        var cut = bed.Ctx.Render<Ticker>(p => p.Add(c => c.Rows, Newest(5, 5)));
        Assert.Empty(Arriving(cut)); // the first drawing is not an arrival

        cut.Render(p => p.Add(c => c.Rows, Newest(6, 6)));
        Assert.Equal(["id-6"], Arriving(cut));

        cut.Render(p => p.Add(c => c.Rows, Newest(8, 8)));
        Assert.Equal(["id-8"], Arriving(cut)); // two at once still flash the newest

        cut.Render(p => p.Add(c => c.Rows, Newest(8, 8).SetItem(7, Row(1) with { Summary = Bilingual.Same("已更新") })));
        Assert.Equal(["id-8"], Arriving(cut)); // an older row changed: the newest keeps its flash, nothing restarts

        cut.Render(p => p.Add(c => c.Rows, Newest(11, 11)));
        Assert.Empty(Arriving(cut)); // a burst of three: no flash
    }

    [Fact]
    public async Task Ticker_FirstRowOnAnEmptyTicker_Flashes()
    {
        // A wall started at a quiet moment shows an empty ticker; the first event to come is an arrival like any other.
        await using var bed = new PageBed();
        var cut = bed.Ctx.Render<Ticker>(p => p.Add(c => c.Rows, ImmutableArray<TickerRow>.Empty));

        cut.Render(p => p.Add(c => c.Rows, ImmutableArray.Create(
            new TickerRow("id-1", "12:00:00", Bilingual.Same("宁海路"), Bilingual.Same("12345 来电"), Bilingual.Same("市政设施｜路灯不亮"), "ticket"))));

        Assert.Equal("id-1", cut.Find(".ticker-row.is-arriving").GetAttribute("data-event-id"));
    }

    [Fact]
    public async Task Ticker_ScriptInSummary_RendersItAsInertText()
    {
        await using var bed = new PageBed();
        var ctx = bed.Ctx;
        const string hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        var rows = ImmutableArray.Create(new TickerRow("id-1", "12:00:00", Bilingual.Same("<b>宁海路</b>"), Bilingual.Same("12345 来电"), Bilingual.Same(hostile), "ticket"));

        var cut = ctx.Render<Ticker>(p => p.Add(c => c.Rows, rows));

        var row = cut.Find("[data-event-id='id-1']");
        Assert.Empty(row.QuerySelectorAll("script"));
        Assert.Empty(row.QuerySelectorAll("img"));
        Assert.Empty(row.QuerySelectorAll("b"));
        Assert.Equal(hostile, row.QuerySelector(".ticker-summary")!.TextContent);
        Assert.Contains("&lt;script&gt;", cut.Markup);
    }

    [Fact]
    public async Task StaleBanner_Stale_IsVisibleWithTheAsOfTime()
    {
        await using var bed = new PageBed();
        var ctx = bed.Ctx;

        var cut = ctx.Render<StaleBanner>(p => p
            .Add(c => c.IsStale, true)
            .Add(c => c.DataAsOf, new DateTimeOffset(2026, 11, 27, 9, 41, 7, TimeSpan.FromHours(8))));

        var banner = cut.Find("#stale-banner");
        Assert.False(banner.HasAttribute("hidden"));
        Assert.Contains("数据已过期", banner.TextContent);
        Assert.Contains("数据截至 09:41:07", banner.TextContent);
    }

    [Fact]
    public async Task StaleBanner_Fresh_IsRenderedButHidden()
    {
        await using var bed = new PageBed();
        var ctx = bed.Ctx;

        var cut = ctx.Render<StaleBanner>(p => p.Add(c => c.IsStale, false).Add(c => c.DataAsOf, DateTimeOffset.Now));

        Assert.True(cut.Find("#stale-banner").HasAttribute("hidden"));
    }

    [Fact]
    public async Task WallHeader_StaleOrLive_ShowsTitleClockAndFreshness()
    {
        await using var bed = new PageBed();
        var ctx = bed.Ctx;
        var now = new DateTimeOffset(2026, 11, 27, 14, 5, 9, TimeSpan.FromHours(8));

        var live = ctx.Render<WallHeader>(p => p.Add(c => c.Now, now).Add(c => c.DataAsOf, now).Add(c => c.IsStale, false));
        var stale = ctx.Render<WallHeader>(p => p.Add(c => c.Now, now).Add(c => c.DataAsOf, now.AddMinutes(-3)).Add(c => c.IsStale, true));

        Assert.Equal("鼓楼区社会治理指挥中心", live.Find("h1").TextContent);
        Assert.Equal("14:05:09", live.Find(".clock-time").TextContent);
        Assert.Contains("2026年11月27日 星期五", live.Find(".clock-date").TextContent);
        Assert.Contains("is-live", live.Find("[data-testid='freshness']").ClassName);
        Assert.Contains("is-stale", stale.Find("[data-testid='freshness']").ClassName);
        Assert.Contains("数据截至 14:02:09", stale.Find("[data-testid='freshness']").TextContent);
    }
}
