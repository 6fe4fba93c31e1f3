using CommandCenter.Core.Events;

namespace CommandCenter.Infrastructure.Deadlines;

/// <summary>
/// Section <c>Whistles</c>. The reform names no report-in deadlines (DESIGN §2), so they are configuration: how long
/// summoned departments have to report in at each level. The console computes a new whistle's deadline from it, and
/// the deadline watcher the new deadline when it escalates a missed report-in.
/// </summary>
public sealed class WhistleOptions
{
    public const string Section = "Whistles";

    public ReportInOptions ReportIn { get; set; } = new();

    /// <summary>The report-in time for a whistle at <paramref name="level"/>.</summary>
    public TimeSpan ReportInFor(WhistleLevel level) => level switch
    {
        WhistleLevel.WorkAdvance => ReportIn.WorkAdvance,
        WhistleLevel.ToughProblem => ReportIn.ToughProblem,
        _ => ReportIn.District,
    };

    public string? Problem() =>
        new[] { (nameof(ReportIn.WorkAdvance), ReportIn.WorkAdvance), (nameof(ReportIn.ToughProblem), ReportIn.ToughProblem), (nameof(ReportIn.District), ReportIn.District) }
            .Where(p => p.Item2 <= TimeSpan.Zero)
            .Select(p => $"Whistles:ReportIn:{p.Item1} must be positive")
            .FirstOrDefault();

    /// <summary>Section <c>Whistles:ReportIn</c>: a higher level is more urgent, so its time is shorter.</summary>
    public sealed class ReportInOptions
    {
        public TimeSpan WorkAdvance { get; set; } = TimeSpan.FromHours(2);

        public TimeSpan ToughProblem { get; set; } = TimeSpan.FromHours(1);

        public TimeSpan District { get; set; } = TimeSpan.FromMinutes(30);
    }
}
