using System.Collections.Immutable;
using CommandCenter.Core.Deadlines;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Whistles;

/// <summary>One department's standing from the whistles that summoned it.</summary>
/// <param name="Summoned">Whistles that summoned it.</param>
/// <param name="Rated">Summonses the street has rated (whistle.evaluated).</param>
/// <param name="RatingAverage">Mean of the street's ratings, 0–100; null before the first rating.</param>
/// <param name="OnTime">Report-ins before the deadline, never marked late.</param>
/// <param name="Late">Report-ins after a deadline, and deadlines passed with no report-in.</param>
/// <param name="Punctuality">100 × on time ÷ (on time + late); null while no deadline is decided.</param>
/// <param name="Score">The department's score, 0–100 (<see cref="DepartmentScoreboard"/>); null with nothing to go on.</param>
/// <param name="Contribution">Points towards its annual evaluation: <see cref="DepartmentScoreboard.AnnualWeight"/> × score.</param>
public sealed record DepartmentScore(
    string Department, int Summoned, int Rated, double? RatingAverage, int OnTime, int Late, double? Punctuality,
    double? Score, double? Contribution);

/// <summary>
/// The department scoreboard (街道评价部门): the street's rating of each summoned department counts 20% in that
/// department's annual evaluation (docs/domain.md). The score blends the ratings with report-in punctuality:
/// <code>
///   score        = 0.8 × average rating + 0.2 × punctuality      (either alone when the other has no data yet)
///   contribution = 0.2 × score                                  (points out of 20 in the annual evaluation)
/// </code>
/// Punctuality counts a summons once its deadline is decided: on time if it reported in before the deadline without
/// being marked late, late if it was marked late, reported after the deadline, or the deadline passed (by
/// <c>now</c>) with no report-in. A summons whose deadline is still ahead counts for neither.
/// </summary>
public static class DepartmentScoreboard
{
    public const double RatingWeight = 0.8;
    public const double PunctualityWeight = 0.2;
    public const double AnnualWeight = 0.2;

    /// <summary>A row for every department in <paramref name="departments"/>, best score first, unscored last.</summary>
    public static ImmutableArray<DepartmentScore> Compute(IEnumerable<Whistle> whistles, IEnumerable<string> departments, DateTimeOffset now)
    {
        var tallies = departments.Distinct().ToDictionary(d => d, _ => new Tally());
        foreach (var whistle in whistles)
        {
            foreach (var summoned in whistle.Departments)
            {
                if (!tallies.TryGetValue(summoned.Department, out var tally))
                    continue;
                tally.Summoned++;
                if (summoned.Score is { } score)
                {
                    tally.Rated++;
                    tally.RatingSum += score;
                }
                if (IsLate(whistle, summoned, now))
                    tally.Late++;
                else if (summoned.ReportedAt is not null)
                    tally.OnTime++;
            }
        }

        return [.. tallies.Select(pair => Row(pair.Key, pair.Value))
            .OrderBy(r => r.Score is null)
            .ThenByDescending(r => r.Score)
            .ThenBy(r => r.Department, StringComparer.Ordinal)];
    }

    /// <summary>The score from a rating average and a punctuality rate, either of which may be missing.</summary>
    public static double? Blend(double? ratingAverage, double? punctuality) => (ratingAverage, punctuality) switch
    {
        ({ } rating, { } onTime) => RatingWeight * rating + PunctualityWeight * onTime,
        ({ } rating, null) => rating,
        (null, { } onTime) => onTime,
        _ => null,
    };

    private static bool IsLate(Whistle whistle, SummonedDepartment summoned, DateTimeOffset now) =>
        summoned.Missed || (summoned.ReportedAt is { } reported ? reported > whistle.ReportDueAt : Overdue.IsPast(whistle.ReportDueAt, now));

    private static DepartmentScore Row(string department, Tally t)
    {
        double? rating = t.Rated > 0 ? Math.Round((double)t.RatingSum / t.Rated, 2) : null;
        var decided = t.OnTime + t.Late;
        double? punctuality = decided > 0 ? Math.Round(100.0 * t.OnTime / decided, 2) : null;
        var score = Blend(rating, punctuality) is { } s ? Math.Round(s, 2) : (double?)null;
        return new DepartmentScore(department, t.Summoned, t.Rated, rating, t.OnTime, t.Late, punctuality,
            score, score is { } value ? Math.Round(AnnualWeight * value, 2) : null);
    }

    private sealed class Tally
    {
        public int Summoned;
        public int Rated;
        public int RatingSum;
        public int OnTime;
        public int Late;
    }
}
