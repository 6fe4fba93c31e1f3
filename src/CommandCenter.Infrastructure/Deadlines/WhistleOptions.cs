using CommandCenter.Core.Events;
using CommandCenter.Core.Whistles;

namespace CommandCenter.Infrastructure.Deadlines;

/// <summary>
/// Section <c>Whistles</c>: the report-in times of <see cref="ReportInTimes"/> (defaults there). The console computes a
/// new whistle's deadline from it, and the deadline watcher the new deadline when it escalates a missed report-in.
/// </summary>
public sealed class WhistleOptions
{
    public const string Section = "Whistles";

    public ReportInOptions ReportIn { get; set; } = new();

    public ReportInTimes Times => new(ReportIn.WorkAdvance, ReportIn.ToughProblem, ReportIn.District);

    /// <summary>The report-in time for a whistle at <paramref name="level"/>.</summary>
    public TimeSpan ReportInFor(WhistleLevel level) => Times.For(level);

    public string? Problem() =>
        new[] { (nameof(ReportIn.WorkAdvance), ReportIn.WorkAdvance), (nameof(ReportIn.ToughProblem), ReportIn.ToughProblem), (nameof(ReportIn.District), ReportIn.District) }
            .Where(p => p.Item2 <= TimeSpan.Zero)
            .Select(p => $"Whistles:ReportIn:{p.Item1} must be positive")
            .FirstOrDefault();

    /// <summary>Section <c>Whistles:ReportIn</c>.</summary>
    public sealed class ReportInOptions
    {
        public TimeSpan WorkAdvance { get; set; } = ReportInTimes.Default.WorkAdvance;

        public TimeSpan ToughProblem { get; set; } = ReportInTimes.Default.ToughProblem;

        public TimeSpan District { get; set; } = ReportInTimes.Default.District;
    }
}
