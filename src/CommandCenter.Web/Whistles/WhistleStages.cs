using System.Collections.Immutable;
using CommandCenter.Core.State;
using CommandCenter.Web.Wall;

namespace CommandCenter.Web.Whistles;

/// <summary>One stage of the six-stage loop with how many whistles stand in it and how many of those are late.</summary>
public sealed record StageCount(int Stage, Bilingual Name, int Count, int Overdue);

/// <summary>
/// The closed loop 收集 → 吹哨 → 报到 → 反馈 → 核实 → 评价 over the whistles a person can see, counted where each whistle
/// stands now: collected today; blown with no department reported yet; reporting in (some reported); feedback given;
/// verified and closed, awaiting evaluation; evaluated today. "Overdue" counts whistles in the stage with a department
/// that missed its report-in deadline (waiting past it, or marked late).
/// </summary>
public static class WhistleStages
{
    public static readonly ImmutableArray<Bilingual> Names =
    [
        new("问题收集", "Collected"), new("街道吹哨", "Whistle blown"), new("部门报到", "Reporting in"),
        new("处理反馈", "Feedback"), new("核实结项", "Verified & closed"), new("综合评价", "Evaluated"),
    ];

    public static ImmutableArray<StageCount> Count(IEnumerable<Whistle> whistles, DateTimeOffset now, DateTimeOffset dayStart)
    {
        var counts = new int[6];
        var overdue = new int[6];
        foreach (var w in whistles)
        {
            var late = w.Departments.Any(d => d.Missed || (d.ReportedAt is null && w.Status == WhistleStatus.Blown && now >= w.ReportDueAt));
            if (w.BlownAt >= dayStart)
            {
                counts[0]++;
                if (late) overdue[0]++;
            }
            int? stage = w.Status switch
            {
                WhistleStatus.Blown when w.Departments.Any(d => d.ReportedAt is not null) => 2,
                WhistleStatus.Blown => 1,
                WhistleStatus.Resolved => 3,
                WhistleStatus.Closed => 4,
                WhistleStatus.Evaluated when w.UpdatedAt >= dayStart => 5,
                _ => null,
            };
            if (stage is not { } s) continue;
            counts[s]++;
            if (late) overdue[s]++;
        }
        return [.. Names.Select((name, i) => new StageCount(i, name, counts[i], overdue[i]))];
    }
}
