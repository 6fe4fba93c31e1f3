using System.Collections.Immutable;

namespace CommandCenter.Core.Kpis;

/// <summary>The headline numbers of one scope (the district or one street) at one moment.</summary>
public sealed record KpiSet(IncidentKpis Incidents, TicketKpis Tickets, WhistleKpis Whistles, TeamKpis Teams)
{
    public static readonly KpiSet Zero = new(
        new IncidentKpis(0, 0, 0, 0),
        new TicketKpis(0, 0, 0, 0, 0, 0, 0),
        new WhistleKpis(0, 0, 0, 0, []),
        new TeamKpis(0, 0, 0, 0, 0));
}

/// <param name="Overdue">Open and either past its due time or already marked by a <c>deadline.missed</c>.</param>
public sealed record IncidentKpis(int ReportedToday, int Open, int ClosedToday, int Overdue);

/// <param name="ClosedOnTimeToday">Closed today no later than the due time.</param>
/// <param name="Evaluated">Tickets carrying a citizen rating (all time; a reopen clears the rating).</param>
/// <param name="Satisfied">Evaluated as satisfied or basically satisfied.</param>
public sealed record TicketKpis(
    int ReceivedToday, int ClosedToday, int Open, int Overdue, int ClosedOnTimeToday, int Evaluated, int Satisfied)
{
    /// <summary>Share of today's closures that met their due time; null when nothing closed today.</summary>
    public double? OnTimeClosureRate => ClosedToday == 0 ? null : (double)ClosedOnTimeToday / ClosedToday;

    /// <summary>Share of rated tickets rated satisfied or basically satisfied; null when none is rated.</summary>
    public double? SatisfactionRate => Evaluated == 0 ? null : (double)Satisfied / Evaluated;
}

/// <summary>
/// Active (blown or resolved) whistles by level, and the report-ins still outstanding on blown whistles.
/// </summary>
/// <param name="DepartmentsNotReported">Summoned departments without a report-in, counted per whistle.</param>
/// <param name="DepartmentsNotReportedCodes">The distinct codes of those departments, sorted ordinally.</param>
public sealed record WhistleKpis(
    int WorkAdvance, int ToughProblem, int District, int DepartmentsNotReported, ImmutableArray<string> DepartmentsNotReportedCodes)
{
    public int Active => WorkAdvance + ToughProblem + District;

    // By value, so two calculations over equal states compare equal (screens skip a render when nothing changed).
    public bool Equals(WhistleKpis? other) =>
        other is not null && WorkAdvance == other.WorkAdvance && ToughProblem == other.ToughProblem && District == other.District
        && DepartmentsNotReported == other.DepartmentsNotReported
        && DepartmentsNotReportedCodes.AsSpan().SequenceEqual(other.DepartmentsNotReportedCodes.AsSpan());

    public override int GetHashCode() => HashCode.Combine(WorkAdvance, ToughProblem, District, DepartmentsNotReported, DepartmentsNotReportedCodes.Length);
}

/// <summary>Teams of the reference model by live status; a team with no event yet is available.</summary>
public sealed record TeamKpis(int Available, int Dispatched, int EnRoute, int OnScene, int OffDuty)
{
    public int Total => Available + Dispatched + EnRoute + OnScene + OffDuty;

    /// <summary>Teams out on a dispatch in any stage.</summary>
    public int Busy => Dispatched + EnRoute + OnScene;
}
