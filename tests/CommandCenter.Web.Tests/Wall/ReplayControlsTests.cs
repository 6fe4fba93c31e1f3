using Bunit;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Wall;
using CommandCenter.Web.Wall.Replay;
using static CommandCenter.Web.Tests.Tickets.TicketEntries;

namespace CommandCenter.Web.Tests.Wall;

/// <summary>The replay's time controls, MudBlazor's slider, speed toggle and play button, moving the replayed moment.</summary>
public sealed class ReplayControlsTests
{
    /// <summary>A replay over three hours of history, shown two hours back.</summary>
    private static async Task<(PageBed Bed, IRenderedComponent<ReplayWall> Cut, DateTimeOffset First)> ReplayAsync()
    {
        var bed = await PageBed.WithDatabaseAsync();
        var first = Now.AddHours(-3);
        var ticket = Guid.NewGuid();
        await bed.RecordHistoryAsync(ticket, Received(ticket, first, Now.AddDays(1)));
        var cut = bed.Ctx.Render<ReplayWall>(p => p.Add(c => c.At, Now.AddHours(-2)).AddCascadingValue(WallLanguage.ZhCn));
        return (bed, cut, first);
    }

    private static string Shown(IRenderedComponent<ReplayWall> cut) => cut.Find("[data-testid=replay-time]").GetAttribute("datetime")!;

    [Fact]
    public async Task Slider_LetGoAtAMinute_ShowsThatMinuteOfTheHistory()
    {
        var (bed, cut, first) = await ReplayAsync();
        await using var _ = bed;
        cut.WaitForAssertion(() => Assert.Equal(ReplayTime.Format(Now.AddHours(-2)), Shown(cut)));
        Assert.Equal("180", cut.Find("[data-testid=replay-slider]").GetAttribute("max"));

        cut.Find("[data-testid=replay-slider]").Change("90");

        cut.WaitForAssertion(() => Assert.Equal(ReplayTime.Format(first.AddMinutes(90)), Shown(cut)));
    }

    [Fact]
    public async Task Play_AtTheChosenSpeed_MovesTheReplaySpeedSecondsEachSecond()
    {
        var (bed, cut, _) = await ReplayAsync();
        await using var __ = bed;
        cut.WaitForAssertion(() => Assert.Equal(ReplayTime.Format(Now.AddHours(-2)), Shown(cut)));

        cut.FindAll("[data-testid=replay-speed] button").Single(b => b.TextContent.Trim() == "×30").Click();
        cut.Find("[data-testid=replay-play]").Click();
        Assert.Contains("暂停", cut.Find("[data-testid=replay-play]").TextContent);
        bed.Time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal(ReplayTime.Format(Now.AddHours(-2).AddSeconds(30)), Shown(cut)));
    }
}
