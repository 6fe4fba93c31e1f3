using CommandCenter.Core.Events;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.State;
using CommandCenter.Core.Tests.Support;

namespace CommandCenter.Core.Tests.Kpis;

/// <summary>The week's and month's trends and today's hot categories, from the rollups alone.</summary>
public sealed class TrendsTests
{
    private static readonly DateTimeOffset Today = new(2026, 11, 27, 18, 0, 0, TimeSpan.FromHours(8));

    private static Guid Ticket(Flow flow, DateTimeOffset at, string category, bool close = false, bool late = false)
    {
        flow.Now = at;
        var id = Guid.NewGuid();
        flow.Given(new TicketReceived(id, "12345", category, "内容", "138****0000", late ? at.AddMinutes(30) : at.AddDays(3)));
        if (!close) return id;
        flow.Now = at.AddHours(1);
        flow.Given(new TicketAssigned(id, "city-management"), new TicketFeedback(id, "已处理"), new TicketVerified(id, "属实"), new TicketClosed(id));
        return id;
    }

    [Fact]
    public void Calculate_AWeekOfHistory_GivesTheWeekAndAMonthThatSaysItCoversEightDays()
    {
        var flow = new Flow();
        for (var back = 7; back >= 0; back--)
        {
            var day = Today.AddDays(-back).AddHours(-8); // 10:00 each day
            Ticket(flow, day, "噪音扰民", close: true, late: back % 2 == 0);
            Ticket(flow, day.AddMinutes(5), "市政设施");
        }

        var trends = TrendCalculator.Calculate(flow.State.Rollups, Today);

        Assert.Equal((7, 7, 14), (trends.Week.Days, trends.Week.DaysCovered, trends.Week.Received));
        Assert.False(trends.Week.IsPartial);
        Assert.Equal((30, 8, 16, 8), (trends.Month.Days, trends.Month.DaysCovered, trends.Month.Received, trends.Month.Closed));
        Assert.True(trends.Month.IsPartial);
        Assert.Equal(30, trends.Month.Series.Length);
        Assert.Equal(new TrendDay(DistrictRollups.DayOf(Today), 2, 1), trends.Month.Series[^1]);
        Assert.Equal(4.0 / 8, trends.Month.OnTimeRate); // closed an hour after a 30-minute due time on the even days
    }

    [Fact]
    public void Calculate_ACategorySurgingToday_IsTopAndRising_AUsualOneIsTopOnly()
    {
        var flow = new Flow();
        for (var back = 10; back >= 1; back--)
            for (var i = 0; i < 4; i++)
                Ticket(flow, Today.AddDays(-back).AddHours(-8 + i), "市政设施");
        for (var i = 0; i < 3; i++)
            Ticket(flow, Today.AddHours(-8 + i), "市政设施"); // usual by 18:00 (4 a day)
        for (var i = 0; i < 6; i++)
            Ticket(flow, Today.AddHours(-8).AddMinutes(i), "井盖缺失"); // never seen before

        var trends = TrendCalculator.Calculate(flow.State.Rollups, Today);

        Assert.Equal(["井盖缺失", "市政设施"], trends.TopToday.Select(c => c.Category));
        Assert.Equal("井盖缺失", Assert.Single(trends.Rising).Category);
        Assert.Equal(4.0, trends.TopToday[1].MeanPerDay);
    }

    [Fact]
    public void Calculate_OneStreet_CountsOnlyThatStreet()
    {
        var flow = new Flow();
        Ticket(flow, Today.AddHours(-2), "噪音扰民");
        flow.Now = Today.AddHours(-1);
        flow.GivenIn(Flow.OtherStreet, new TicketReceived(Guid.NewGuid(), "12345", "噪音扰民", "内容", "138****0000", Today.AddDays(3)));

        var street = Core.Reference.DistrictModel.Gulou.StreetIndex(Flow.Street);
        var trends = TrendCalculator.Calculate(flow.State.Rollups, Today, street);

        Assert.Equal(1, trends.Week.Received);
        Assert.Equal(1, Assert.Single(trends.TopToday).Today);
        Assert.Equal(2, TrendCalculator.Calculate(flow.State.Rollups, Today).Week.Received);
    }

    [Fact]
    public void Calculate_NothingYet_GivesEmptyWindowsAndNoCategories()
    {
        var trends = TrendCalculator.Calculate(DistrictRollups.Empty, Today);

        Assert.Equal(0, trends.Week.DaysCovered);
        Assert.Null(trends.Week.OnTimeRate);
        Assert.Empty(trends.TopToday);
        Assert.Empty(trends.Rising);
    }
}
