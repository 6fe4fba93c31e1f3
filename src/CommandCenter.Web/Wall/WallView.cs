using System.Collections.Immutable;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.State;
using CommandCenter.Core.Whistles;

namespace CommandCenter.Web.Wall;

/// <summary>
/// Everything the district wall shows, built once and shared by every circuit (docs/architecture.md, "Rendering"). Texts come
/// in both languages so a circuit only picks one. Times are in the district's local time (China Standard Time).
/// </summary>
/// <param name="ReplayOf">Set when the view was rebuilt from the history for this past moment: never live.</param>
/// <param name="DatabaseBehind">How long the oldest log entry not yet in the database has waited, when that is more than
/// <c>ProjectionLag.Limit</c> (the projector cannot commit: a locked or full database, say); null otherwise.</param>
public sealed record WallView(
    WallKpis Kpis,
    ImmutableArray<StreetRow> Streets,
    ImmutableArray<TickerRow> Ticker,
    Sparklines Sparklines,
    ImmutableArray<StageCount> WhistleLoop,
    ImmutableArray<StreetLoad> Structure,
    DateTimeOffset Now,
    DateTimeOffset? DataAsOf,
    bool IsStale,
    bool IsHydrated,
    long Version,
    DateTimeOffset? ReplayOf = null,
    ImmutableDictionary<string, WallKpis>? StreetKpis = null,
    TimeSpan? DatabaseBehind = null,
    Trends? Trends = null,
    ImmutableDictionary<string, Trends>? StreetTrends = null,
    ImmutableDictionary<string, ImmutableArray<TickerRow>>? StreetTickers = null)
{
    public static WallView Empty(DateTimeOffset now) =>
        new(WallKpis.Zero, [], [], Sparklines.Empty, WhistleStages.Zero, [], now, DataAsOf: null, IsStale: true, IsHydrated: false, Version: 0);

    /// <summary>The district's trends (empty ones before the first build).</summary>
    public Trends DistrictTrends => Trends ?? TrendCalculator.Calculate(DistrictRollups.Empty, Now);

    /// <summary>One street's trends (empty ones for a street not in the view).</summary>
    public Trends TrendsOf(string street) => StreetTrends?.GetValueOrDefault(street) ?? TrendCalculator.Calculate(DistrictRollups.Empty, Now);

    /// <summary>One street's KPI tiles (zero for a street not in the view).</summary>
    public WallKpis KpisOf(string street) => StreetKpis?.GetValueOrDefault(street) ?? WallKpis.Zero;

    /// <summary>One street's rows of the ticker, newest first (none for a street not in the view).</summary>
    public ImmutableArray<TickerRow> TickerOf(string street) => StreetTickers?.GetValueOrDefault(street) ?? [];

    public bool IsReplay => ReplayOf is not null;

    /// <summary>The streets best first: fewest overdue per open item, then the best on-time rate (the ranking's order).</summary>
    public IEnumerable<StreetRow> Ranking => Streets.OrderBy(s => s.Rank);
}

/// <summary>
/// The district KPI tiles. Rates are 0–1, null while there is nothing to rate. <see cref="DepartmentsWaiting"/>
/// names the departments some blown whistle still waits for.
/// </summary>
public sealed record WallKpis(
    int IncidentsReportedToday,
    int IncidentsOpen,
    int IncidentsOverdue,
    int TicketsReceivedToday,
    int TicketsClosedToday,
    int TicketsOverdue,
    double? OnTimeClosureRate,
    double? SatisfactionRate,
    int WhistlesWorkAdvance,
    int WhistlesToughProblem,
    int WhistlesDistrict,
    int DepartmentsNotReported,
    ImmutableArray<Bilingual> DepartmentsWaiting,
    TeamCounts Teams)
{
    public static readonly WallKpis Zero = new(0, 0, 0, 0, 0, 0, null, null, 0, 0, 0, 0, [], TeamCounts.Zero);

    public int WhistlesActive => WhistlesWorkAdvance + WhistlesToughProblem + WhistlesDistrict;
}

public sealed record TeamCounts(int Available, int Dispatched, int EnRoute, int OnScene, int OffDuty)
{
    public static readonly TeamCounts Zero = new(0, 0, 0, 0, 0);

    public int Total => Available + Dispatched + EnRoute + OnScene + OffDuty;
}

/// <summary>
/// One street's line: open and overdue work items (incidents and tickets), its on-time closure rate, its place in
/// the ranking (1 = best) and its load level 0–4 for the map's colour.
/// </summary>
public sealed record StreetRow(string Code, Bilingual Name, int Open, int Overdue, double? OnTimeRate, int Rank = 0, int LoadLevel = 0);

/// <summary>One ticker line; <see cref="Tone"/> is the event family, used for its colour.</summary>
public sealed record TickerRow(string EventId, string Time, Bilingual StreetName, Bilingual TypeLabel, Bilingual Summary, string Tone, string StreetCode = "");

/// <summary>Hour-by-hour counts: today's hours up to the current one, and all 24 of yesterday's.</summary>
public sealed record HourSeries(ImmutableArray<int> Today, ImmutableArray<int> Yesterday)
{
    public static readonly HourSeries Empty = new([], []);

    public int Max => Math.Max(Today.IsEmpty ? 0 : Today.Max(), Yesterday.IsEmpty ? 0 : Yesterday.Max());
}

public sealed record Sparklines(HourSeries IncidentsReported, HourSeries TicketsReceived, HourSeries TicketsClosed)
{
    public static readonly Sparklines Empty = new(HourSeries.Empty, HourSeries.Empty, HourSeries.Empty);
}

/// <summary>A street's open and overdue load, in total and for each of its 8 bodies (in the model's body order).</summary>
public sealed record StreetLoad(string Code, Bilingual Name, int Open, int Overdue, ImmutableArray<BodyLoad> Bodies);

public sealed record BodyLoad(string Code, Bilingual Name, int Open, int Overdue);
