using CommandCenter.Core.Events;

namespace CommandCenter.Core.Whistles;

/// <summary>
/// How long summoned departments have to report in at each level. The reform names no report-in deadlines
/// (docs/domain.md), so they are configuration (<c>Whistles:ReportIn</c>) with these defaults: a higher level is more
/// urgent, so its time is shorter.
/// </summary>
public sealed record ReportInTimes(TimeSpan WorkAdvance, TimeSpan ToughProblem, TimeSpan District)
{
    public static readonly ReportInTimes Default = new(TimeSpan.FromHours(2), TimeSpan.FromHours(1), TimeSpan.FromMinutes(30));

    /// <summary>The report-in time for a whistle at <paramref name="level"/>.</summary>
    public TimeSpan For(WhistleLevel level) => level switch
    {
        WhistleLevel.WorkAdvance => WorkAdvance,
        WhistleLevel.ToughProblem => ToughProblem,
        _ => District,
    };
}
