using System.Collections.Immutable;
using CommandCenter.Core.Deadlines;
using CommandCenter.Core.State;
using CommandCenter.Core.Time;

namespace CommandCenter.Core.Whistles;

/// <summary>
/// The six stages of the reform's closed loop, each timed and recorded: problem collected (问题收集) → the street blows
/// the whistle (街道吹哨) → departments report in (部门报到) → handling and feedback (处理反馈) → verification and closing
/// (核实结项) → overall evaluation (综合评价).
/// </summary>
public enum WhistleStage { Collected, Blown, ReportingIn, Feedback, Verified, Evaluated }

/// <summary>How many whistles stand in one stage now, and how many of those are late (<see cref="Overdue.IsLate"/>).</summary>
public sealed record StageCount(WhistleStage Stage, int Count, int Overdue);

/// <summary>
/// Counts whistles along the loop, where each stands now: collected today (blown since the district's midnight);
/// blown with no department reported yet; reporting in (some reported); feedback given; verified and closed, awaiting
/// evaluation; evaluated today. The wall and the whistle board both show these counts.
/// </summary>
public static class WhistleStages
{
    public static readonly ImmutableArray<WhistleStage> Loop = [.. Enum.GetValues<WhistleStage>()];

    /// <summary>Every stage at zero, in loop order.</summary>
    public static readonly ImmutableArray<StageCount> Zero = [.. Loop.Select(stage => new StageCount(stage, 0, 0))];

    /// <summary>The stage a whistle waits in now (never <see cref="WhistleStage.Collected"/>, which counts arrivals).</summary>
    public static WhistleStage StandingIn(Whistle whistle) => whistle.Status switch
    {
        WhistleStatus.Blown when whistle.Departments.Any(d => d.ReportedAt is not null) => WhistleStage.ReportingIn,
        WhistleStatus.Blown => WhistleStage.Blown,
        WhistleStatus.Resolved => WhistleStage.Feedback,
        WhistleStatus.Closed => WhistleStage.Verified,
        _ => WhistleStage.Evaluated,
    };

    /// <summary>The counts at <paramref name="now"/>, in loop order; "today" is the district's day (<see cref="DistrictClock"/>).</summary>
    public static ImmutableArray<StageCount> Count(IEnumerable<Whistle> whistles, DateTimeOffset now)
    {
        var dayStart = DistrictClock.StartOfDay(now);
        var counts = new int[Loop.Length];
        var late = new int[Loop.Length];
        foreach (var whistle in whistles)
        {
            var isLate = Overdue.IsLate(whistle, now);
            if (whistle.BlownAt >= dayStart)
                Add(WhistleStage.Collected);
            var stage = StandingIn(whistle);
            // An evaluated whistle leaves the loop: it is counted on the day it was rated.
            if (stage != WhistleStage.Evaluated || whistle.UpdatedAt >= dayStart)
                Add(stage);

            void Add(WhistleStage at)
            {
                counts[(int)at]++;
                if (isLate) late[(int)at]++;
            }
        }
        return [.. Loop.Select(stage => new StageCount(stage, counts[(int)stage], late[(int)stage]))];
    }
}
