using System.Collections.Immutable;

namespace CommandCenter.Web.Wall;

/// <summary>
/// Everything the district wall shows, built once and shared by every circuit (DESIGN §3 "Rendering").
/// Times are in the district's local time (China Standard Time).
/// </summary>
public sealed record WallView(
    WallKpis Kpis,
    ImmutableArray<StreetRow> Streets,
    ImmutableArray<TickerRow> Ticker,
    DateTimeOffset Now,
    DateTimeOffset? DataAsOf,
    bool IsStale,
    bool IsHydrated,
    long Version)
{
    public static WallView Empty(DateTimeOffset now) =>
        new(WallKpis.Zero, [], [], now, DataAsOf: null, IsStale: true, IsHydrated: false, Version: 0);
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
    ImmutableArray<string> DepartmentsWaiting,
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

/// <summary>One street's line: open and overdue work items (incidents and tickets) and its on-time closure rate.</summary>
public sealed record StreetRow(string Code, string Name, int Open, int Overdue, double? OnTimeRate);

/// <summary>One ticker line; <see cref="Tone"/> is the event family, used for its colour.</summary>
public sealed record TickerRow(string EventId, string Time, string StreetName, string TypeLabel, string Summary, string Tone);
