using CommandCenter.Core.Events;
using CommandCenter.Core.State;
using CommandCenter.Core.Whistles;

namespace CommandCenter.Core.Tests.Whistles;

public sealed class DepartmentScoreboardTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Due = Start.AddHours(2);

    private static Whistle Whistle(params SummonedDepartment[] departments) => new(
        Guid.NewGuid(), "ninghailu", WhistleLevel.WorkAdvance, "加装电梯", null, null, WhistleStatus.Evaluated, Start, Due,
        [.. departments], null, null, "e", Start);

    private static SummonedDepartment OnTime(string code, int? score) => new(code, Start.AddMinutes(30), false, score);

    private static SummonedDepartment Late(string code, int? score) => new(code, Due.AddMinutes(20), true, score, Due);

    [Fact]
    public void Compute_RatingsAndPunctuality_BlendsEightyTwentyAndContributesTwentyPercent()
    {
        // chengguan: rated 90 and 70 (average 80), one on time and one late (punctuality 50).
        var whistles = new[] { Whistle(OnTime("chengguan", 90), OnTime("market", 100)), Whistle(Late("chengguan", 70)) };

        var board = DepartmentScoreboard.Compute(whistles, ["chengguan", "market"], Due.AddDays(1));

        var chengguan = board.Single(r => r.Department == "chengguan");
        Assert.Equal((2, 2, 80.0, 1, 1, 50.0), (chengguan.Summoned, chengguan.Rated, chengguan.RatingAverage, chengguan.OnTime, chengguan.Late, chengguan.Punctuality));
        Assert.Equal(0.8 * 80 + 0.2 * 50, chengguan.Score!.Value, 6);   // 74
        Assert.Equal(0.2 * 74, chengguan.Contribution!.Value, 6);       // 14.8 of 20
        var market = board.Single(r => r.Department == "market");
        Assert.Equal((100.0, 20.0), (market.Score, market.Contribution));
        Assert.Equal(["market", "chengguan"], board.Select(r => r.Department));
    }

    [Fact]
    public void Compute_NoRatingsYet_ScoreIsPunctualityAlone()
    {
        var pending = Whistle(OnTime("housing", null), Late("water", null)) with { Status = WhistleStatus.Blown };

        var board = DepartmentScoreboard.Compute([pending], ["housing", "water", "emergency"], Due.AddHours(1));

        Assert.Equal((100.0, 20.0), (board[0].Score, board[0].Contribution));
        Assert.Equal(("water", 0.0, 0.0), (board[1].Department, board[1].Score, board[1].Contribution));
        Assert.Equal(("emergency", 0, (double?)null), (board[2].Department, board[2].Summoned, board[2].Score));
    }

    [Fact]
    public void Compute_WaitingDepartment_IsLateOnlyOnceTheDeadlinePassed()
    {
        var waiting = Whistle(new SummonedDepartment("housing", null, false, null)) with { Status = WhistleStatus.Blown };

        var before = DepartmentScoreboard.Compute([waiting], ["housing"], Due.AddMinutes(-1)).Single();
        var after = DepartmentScoreboard.Compute([waiting], ["housing"], Due.AddMinutes(1)).Single();

        Assert.Equal((0, 0, (double?)null), (before.OnTime, before.Late, before.Score));
        Assert.Equal((0, 1, 0.0), (after.OnTime, after.Late, after.Score));
    }

    [Fact]
    public void Compute_ReportedAfterTheDeadlineBeforeTheWatcherMarkedIt_IsLate()
    {
        var unmarked = Whistle(new SummonedDepartment("market", Due.AddMinutes(1), false, 60));

        var row = DepartmentScoreboard.Compute([unmarked], ["market"], Due.AddDays(1)).Single();

        Assert.Equal((0, 1), (row.OnTime, row.Late));
        Assert.Equal(0.8 * 60, row.Score!.Value, 6);
    }

    [Fact]
    public void Blend_EitherPartMissing_UsesTheOther()
    {
        Assert.Equal(66.0, DepartmentScoreboard.Blend(null, 66));
        Assert.Equal(71.0, DepartmentScoreboard.Blend(71, null));
        Assert.Null(DepartmentScoreboard.Blend(null, null));
        Assert.Empty(DepartmentScoreboard.Compute([], [], Start));
    }
}
