using CommandCenter.Core.Kpis;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Bunit;
using CommandCenter.Core.Whistles;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Wall;
using CommandCenter.Web.Whistles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Wall;

public sealed partial class WallWidgetTests
{
    private static ImmutableArray<StageCount> Loop(params int[] counts) =>
        [.. WhistleStages.Loop.Select(stage => new StageCount(stage, counts[(int)stage], 0))];

    private static ImmutableArray<StreetRow> Streets() =>
        WallViewBuilder.Rank([.. Core.Reference.DistrictModel.Gulou.Streets.Select((s, i) =>
            new StreetRow(s.Code, EventLabels.ShortName(s), Open: i * 3, Overdue: s.Code == "jiangdong" ? 4 : 0, OnTimeRate: 0.9))]);

    [Fact]
    public async Task TrendPanel_AWeekOfData_ShowsBothWindowsSaysTheMonthCoversLessAndMarksRisingCategories()
    {
        await using var bed = new PageBed();
        var today = DateOnly.FromDateTime(TestEvents.Noon.DateTime);
        TrendWindow Window(int days, int covered) => new(days, covered,
            [.. Enumerable.Range(0, days).Select(i => new TrendDay(today.AddDays(i - days + 1), 10, 8))], 10 * covered, 8 * covered, 0.9, 0.955);
        var trends = new Trends(Window(7, 7), Window(30, 8),
            [new HotCategory("井盖缺失", 6, 0, 12), new HotCategory("市政设施", 4, 4, 1.1)], [new HotCategory("井盖缺失", 6, 0, 12)]);

        var zh = bed.Ctx.Render<TrendPanel>(p => p.Add(c => c.Trends, trends));
        var en = bed.Ctx.Render<CascadingValue<WallLanguage>>(p => p.Add(c => c.Value, WallLanguage.EnUs)
            .AddChildContent<TrendPanel>(t => t.Add(c => c.Trends, trends)));

        Assert.Contains("受理 70", zh.Find("[data-trend='7']").TextContent);
        Assert.Contains("满意 95.5%", zh.Find("[data-trend='7']").TextContent);
        Assert.Empty(zh.Find("[data-trend='7']").QuerySelectorAll("[data-testid='trend-covers']"));
        Assert.Equal("仅 8 天数据", zh.Find("[data-trend='30'] [data-testid='trend-covers']").TextContent);
        Assert.Contains("is-rising", zh.Find("[data-category='井盖缺失']").ClassName);
        Assert.DoesNotContain("is-rising", zh.Find("[data-category='市政设施']").ClassName);
        Assert.Equal("covers 8 days", en.Find("[data-trend='30'] [data-testid='trend-covers']").TextContent);
        Assert.Contains("received 80", en.Find("[data-trend='30']").TextContent);
    }

    [Fact]
    public async Task StreetMap_ThirteenStreets_DrawsEachWithItsLoadAndOverdueMark()
    {
        await using var bed = new PageBed();
        var ctx = bed.Ctx;

        var cut = ctx.Render<StreetMap>(p => p.Add(c => c.Rows, Streets()));

        var streets = cut.FindAll("g.map-street");
        Assert.Equal(13, streets.Count);
        Assert.All(streets, g => Assert.StartsWith("M", g.QuerySelector("path")!.GetAttribute("d")));
        var jiangdong = cut.Find("g[data-street='jiangdong']");
        Assert.Contains("has-overdue", jiangdong.ClassName);
        Assert.Equal("4", jiangdong.GetAttribute("data-load"));
        Assert.Equal("0", cut.Find("g[data-street='ninghailu']").GetAttribute("data-load"));
        Assert.Equal("江东", jiangdong.QuerySelector(".map-name")!.TextContent);
    }

    [Fact]
    public async Task Sparkline_TodayAndYesterday_DrawsTwoLinesOnOneScale()
    {
        await using var bed = new PageBed();
        var ctx = bed.Ctx;
        var series = new HourSeries([0, 5, 10], [.. Enumerable.Repeat(10, 24)]);

        var cut = ctx.Render(SparklineMarkup.Render("k", series, WallLanguage.ZhCn));

        var today = cut.Find(".spark-today").GetAttribute("points")!.Split(' ');
        var yesterday = cut.Find(".spark-yesterday").GetAttribute("points")!.Split(' ');
        Assert.Equal(3, today.Length);
        Assert.Equal(24, yesterday.Length);
        // Ten is the maximum of both: the top of the box; zero is its bottom.
        Assert.Equal("25,2", today[2]);
        Assert.Equal("5,38", today[0]);
    }

    [Fact]
    public async Task WhistleLoopPanel_Prerendered_DrawsTheSixStagesInLoopOrderWithTheirLinks()
    {
        await using var bed = new PageBed();
        var ctx = bed.Ctx;
        ctx.SetRendererInfo(new RendererInfo("Static", false));

        var cut = ctx.Render<WhistleLoopPanel>(p => p.Add(c => c.Stages, Loop(6, 5, 4, 3, 2, 1)));

        var nodes = cut.FindAll(".loop-node");
        Assert.Equal(6, nodes.Count);
        Assert.Equal("问题收集", nodes[0].QuerySelector(".loop-label")!.TextContent);
        Assert.Equal("6", nodes[0].QuerySelector(".loop-count")!.TextContent);
        Assert.Equal("1", cut.Find(".loop-node[data-stage='5'] .loop-count").TextContent);
        // Clockwise: the top row left to right, the bottom row right to left.
        Assert.Equal("--x: 480; --y: 10", cut.Find(".loop-node[data-stage='2']").GetAttribute("style"));
        Assert.Equal("--x: 480; --y: 190", cut.Find(".loop-node[data-stage='3']").GetAttribute("style"));
        Assert.Equal(6, cut.FindAll(".loop-link").Count);
    }

    [Fact]
    public async Task WhistleLoopPanel_NewCounts_DrawsThem()
    {
        await using var bed = new PageBed();
        var ctx = bed.Ctx;
        ctx.SetRendererInfo(new RendererInfo("Server", true));
        var cut = ctx.Render<WhistleLoopPanel>(p => p.Add(c => c.Stages, Loop(6, 5, 4, 3, 2, 1)));

        cut.Render(p => p.Add(c => c.Stages, Loop(6, 9, 4, 3, 2, 1)));

        Assert.Equal("9", cut.Find(".loop-node[data-stage='1'] .loop-count").TextContent);
    }

    [Fact]
    public async Task WhistleLoopDiagram_Interactive_DrawsADiagramWhoseNodesFollowTheCounts()
    {
        await using var bed = new PageBed();
        var ctx = bed.Ctx;
        ctx.SetRendererInfo(new RendererInfo("Server", true));

        var cut = ctx.Render<WhistleLoopDiagram>(p => p.Add(c => c.Stages, Loop(6, 5, 4, 3, 2, 1)));

        cut.WaitForAssertion(() => Assert.Equal(6, cut.FindAll(".stage-node").Count));
        Assert.Equal("5", cut.Find(".stage-node[data-stage='1'] .stage-count").TextContent);
        Assert.Equal(6, cut.FindAll(".diagram-link").Count);

        cut.Render(p => p.Add(c => c.Stages, Loop(6, 9, 4, 3, 2, 1)));

        cut.WaitForAssertion(() => Assert.Equal("9", cut.Find(".stage-node[data-stage='1'] .stage-count").TextContent));
    }

    [Fact]
    public async Task WallBoard_EnUs_HasNoChineseOutsideEventPayloads()
    {
        await using var bed = new PageBed();
        var ctx = bed.Ctx;
        ctx.SetRendererInfo(new RendererInfo("Static", false));
        var time = new FakeTimeProvider(TestEvents.Noon);
        var snapshot = await LiveFixtures.SnapshotOf(time,
            TestEvents.TicketReceived(TestEvents.Noon, street: "hunanlu", content: "噪音扰民"),
            TestEvents.IncidentReported(TestEvents.Noon, "hunanlu-c01-g001", street: "hunanlu", title: "井盖缺失"));
        var view = LiveFixtures.Builder().Build(snapshot, TestEvents.Noon, 1) with { IsStale = true };

        var cut = ctx.Render<CascadingValue<WallLanguage>>(p => p
            .Add(c => c.Value, WallLanguage.EnUs)
            .AddChildContent<WallBoard>(b => b.Add(c => c.View, view)));

        // Event payloads keep the producer's words; the switch names the other language in that language.
        foreach (var element in cut.FindAll("[data-payload], [data-testid='lang-switch']")) element.Remove();
        var text = cut.Find(".wall").TextContent;
        Assert.DoesNotMatch(Cjk(), text);
        Assert.Contains("Hunanlu", text);
        Assert.Contains("Whistle loop", text);
        Assert.Contains("Data is stale", text);
        Assert.Equal("en-US", cut.Find(".wall").GetAttribute("lang"));
    }

    [Fact]
    public async Task WallBoard_DatabaseBehindTheLog_SaysSoInBothLanguagesAndOnlyThen()
    {
        await using var bed = new PageBed();
        var ctx = bed.Ctx;
        ctx.SetRendererInfo(new RendererInfo("Static", false));
        var view = LiveFixtures.Builder().Build(CommandCenter.Web.Live.LiveSnapshot.Empty, TestEvents.Noon, 1);

        var current = ctx.Render<WallBoard>(p => p.Add(c => c.View, view));
        var behind = ctx.Render<WallBoard>(p => p.Add(c => c.View, view with { DatabaseBehind = TimeSpan.FromSeconds(42) }));
        var english = ctx.Render<CascadingValue<WallLanguage>>(p => p
            .Add(c => c.Value, WallLanguage.EnUs)
            .AddChildContent<WallBoard>(b => b.Add(c => c.View, view with { DatabaseBehind = TimeSpan.FromSeconds(42) })));

        Assert.Empty(current.FindAll("[data-testid='db-behind']"));
        Assert.Equal("入库滞后 42 秒", behind.Find("[data-testid='db-behind']").TextContent.Trim());
        Assert.Equal("database behind by 42 s", english.Find("[data-testid='db-behind']").TextContent.Trim());
    }

    [Fact]
    public async Task WallBoard_Kiosk_HidesTheLanguageSwitchAndStreetLinks()
    {
        await using var bed = new PageBed();
        var ctx = bed.Ctx;
        ctx.SetRendererInfo(new RendererInfo("Static", false));
        var view = LiveFixtures.Builder().Build(CommandCenter.Web.Live.LiveSnapshot.Empty, TestEvents.Noon, 1);

        var normal = ctx.Render<WallBoard>(p => p.Add(c => c.View, view).Add(c => c.StreetHref, code => $"wall/street/{code}"));
        var kiosk = ctx.Render<WallBoard>(p => p.Add(c => c.View, view).Add(c => c.Kiosk, true).Add(c => c.StreetHref, code => $"wall/street/{code}"));

        Assert.NotEmpty(normal.FindAll("[data-testid='lang-switch']"));
        Assert.NotEmpty(normal.FindAll(".street-table a"));
        Assert.Empty(kiosk.FindAll("[data-testid='lang-switch']"));
        Assert.Empty(kiosk.FindAll(".street-table a"));
        Assert.Contains("is-kiosk", kiosk.Find(".wall").ClassName);
    }

    [Fact]
    public void WallLanguages_EveryFixedWallText_HasAnEnglishTranslation()
    {
        string[] keys = ["鼓楼区社会治理指挥中心", "数据已过期", "数据截至", "街道排名", "吹哨闭环", "街道态势图", "实时动态", "历史回放 · 非实时",
        ];

        Assert.All(keys, key => Assert.True(WallLanguages.HasEnglish(key), key));
        // The loop's stages carry their English with them.
        Assert.All(WhistleStages.Loop.SelectMany(s => new[] { WhistleStageLabels.Name(s), WhistleStageLabels.WallDetail(s) }),
            label => Assert.DoesNotMatch(Cjk(), label.En));
        Assert.Equal(WallLanguage.EnUs, WallLanguages.Parse("en-US"));
        Assert.Equal(WallLanguage.ZhCn, WallLanguages.Parse(null));
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();
}
