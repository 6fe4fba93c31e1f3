using CommandCenter.Core.Events;

namespace CommandCenter.Core.Simulation.History;

/// <summary>
/// What a generated history of the district looks like: how much arrives (<see cref="Volumes"/>), how much of it goes
/// wrong (<see cref="Shares"/>) and how long summoned departments have to report in (<see cref="ReportIn"/>).
/// The figures and where they come from are in docs/simulation.md.
/// </summary>
/// <param name="Retention">The hot-state retention of the leader's daily housekeeping notice (<c>log.archived</c>), as
/// <c>HotState:Retention</c> sets it live (8 days by default, docs/decisions/0010).</param>
public sealed record HistorySettings(HistoryVolumes Volumes, HistoryShares Shares, ReportInTimes ReportIn, TimeSpan? Retention = null)
{
    public static readonly HistorySettings Default = new(new HistoryVolumes(), new HistoryShares(), new ReportInTimes());

    public TimeSpan HotStateRetention => Retention ?? TimeSpan.FromDays(8);
}

/// <summary>
/// Arrivals on a working day of an average month, before the day rhythm spreads them over the hours
/// (docs/simulation.md, "Volumes"). Weekends carry the given share of a working day; the month curve
/// (<see cref="HistoryCalendar.Season"/>) lifts the summer and lowers the Spring Festival weeks.
/// </summary>
/// <param name="TicketsPerWorkingDay">12345 tickets (工单) handed to Gulou's streets: 380, scaled from published hotline
/// figures of Jiangsu cities of comparable size (Nantong 2021, Lianyungang's Haizhou district 2022–23).</param>
/// <param name="IncidentsPerGridPerWorkingDay">Grid incidents one grid's worker files: 0.5, an assumption (no public
/// per-grid figure found): 1,580 grids give about 790 a working day.</param>
/// <param name="PatrolDispatchesPerWorkingDay">Team dispatches that are not for a reported incident (patrols,
/// enforcement rounds), on top of the dispatches incidents cause.</param>
/// <param name="WhistlesPerStreetPerWeek">Whistles a street blows in a week: 1.5, an assumption bounded by the reform's
/// intent that a whistle is for what a street cannot solve alone.</param>
/// <param name="OffDutySpellsPerTeamPerDay">Times a team stands down (handover, training, rest) in a day.</param>
/// <param name="TicketsWeekendShare">A weekend day's tickets against a working day's.</param>
/// <param name="IncidentsWeekendShare">Grid workers patrol on a weekend rota: a weekend day's incidents against a working day's.</param>
public sealed record HistoryVolumes(
    double TicketsPerWorkingDay = 380,
    double IncidentsPerGridPerWorkingDay = 0.5,
    double PatrolDispatchesPerWorkingDay = 120,
    double WhistlesPerStreetPerWeek = 1.5,
    double OffDutySpellsPerTeamPerDay = 1,
    double TicketsWeekendShare = 0.75,
    double IncidentsWeekendShare = 0.4,
    double PatrolsWeekendShare = 0.8,
    double WhistlesWeekendShare = 0.1)
{
    /// <summary>
    /// Every arrival volume times <paramref name="factor"/> (a thinned history for benchmarks: same rhythms and shares,
    /// fewer items). Shares stay as they are.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is not above 0.</exception>
    public HistoryVolumes Scaled(double factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        return this with
        {
            TicketsPerWorkingDay = TicketsPerWorkingDay * factor,
            IncidentsPerGridPerWorkingDay = IncidentsPerGridPerWorkingDay * factor,
            PatrolDispatchesPerWorkingDay = PatrolDispatchesPerWorkingDay * factor,
            WhistlesPerStreetPerWeek = WhistlesPerStreetPerWeek * factor,
            OffDutySpellsPerTeamPerDay = OffDutySpellsPerTeamPerDay * factor,
        };
    }
}

/// <summary>How often work goes wrong (docs/simulation.md, "Shares"). Each is a probability per item.</summary>
/// <param name="TicketsLate">A ticket closed after its due time (the published on-time rates run 89.6–99.5 %).</param>
/// <param name="TicketsRated">A closed ticket the citizen rates at the call-back (回访).</param>
/// <param name="TicketsReopenedAtCallBack">The call-back finds the problem unsolved and the ticket goes back.</param>
/// <param name="DissatisfiedReopened">A dissatisfied rating sends the ticket back to be handled again.</param>
/// <param name="IncidentsLate">A grid incident closed after its due time.</param>
/// <param name="IncidentsReopened">A closed incident that comes back (the problem returned).</param>
/// <param name="IncidentsWithTeam">An incident whose kind calls for a team that gets one sent.</param>
/// <param name="ReportInLate">A summoned department that reports in after the deadline.</param>
/// <param name="ReportInNever">A summoned department that never reports in before the whistle is resolved.</param>
/// <param name="WhistlesEscalatedByStreet">A resolved whistle the street director still takes one level up.</param>
/// <param name="DispatchesCancelled">A dispatch called off before it ends.</param>
public sealed record HistoryShares(
    double TicketsLate = 0.06,
    double TicketsRated = 0.9,
    double TicketsReopenedAtCallBack = 0.02,
    double DissatisfiedReopened = 0.5,
    double IncidentsLate = 0.08,
    double IncidentsReopened = 0.03,
    double IncidentsWithTeam = 0.5,
    double ReportInLate = 0.09,
    double ReportInNever = 0.03,
    double WhistlesEscalatedByStreet = 0.05,
    double DispatchesCancelled = 0.06);

/// <summary>
/// Time summoned departments have to report in, per level. The defaults are the app's own (<c>Whistles:ReportIn</c>),
/// so a generated history escalates as the live deadline watcher would; Gulou's published rule is 3 working days for a
/// work-advance whistle and 5 for a tough-problem one (docs/simulation.md).
/// </summary>
public sealed record ReportInTimes(TimeSpan WorkAdvance, TimeSpan ToughProblem, TimeSpan District)
{
    public ReportInTimes() : this(TimeSpan.FromHours(2), TimeSpan.FromHours(1), TimeSpan.FromMinutes(30))
    {
    }

    public TimeSpan For(WhistleLevel level) => level switch
    {
        WhistleLevel.WorkAdvance => WorkAdvance,
        WhistleLevel.ToughProblem => ToughProblem,
        _ => District,
    };
}
