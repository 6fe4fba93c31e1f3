using CommandCenter.Core.Kpis;
using CommandCenter.Core.Reference;
using CommandCenter.Web.Live;

namespace CommandCenter.Web.Wall;

/// <summary>Turns a live snapshot into the wall's view: pure, so every circuit can share its result.</summary>
public sealed class WallViewBuilder(DistrictModel district, KpiCalculator kpis, EventLabels labels)
{
    /// <summary>With nothing received for this long the wall says its data is stale.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(10);

    public WallView Build(LiveSnapshot live, DateTimeOffset now, long version)
    {
        var figures = kpis.Calculate(live.State, now);
        return new WallView(
            District(figures.District),
            [.. district.Streets.Zip(figures.Streets, Street)],
            [.. live.Recent.Select(envelope => labels.Row(envelope, live.State))],
            DistrictClock.ToLocal(now),
            live.LastReceivedAt is { } asOf ? DistrictClock.ToLocal(asOf) : null,
            IsStale(live, now),
            live.IsHydrated,
            version);
    }

    public static bool IsStale(LiveSnapshot live, DateTimeOffset now) =>
        !live.IsHydrated || live.LastReceivedAt is not { } received || now - received > StaleAfter;

    private WallKpis District(KpiSet k) => new(
        k.Incidents.ReportedToday, k.Incidents.Open, k.Incidents.Overdue,
        k.Tickets.ReceivedToday, k.Tickets.ClosedToday, k.Tickets.Overdue,
        k.Tickets.OnTimeClosureRate, k.Tickets.SatisfactionRate,
        k.Whistles.WorkAdvance, k.Whistles.ToughProblem, k.Whistles.District,
        k.Whistles.DepartmentsNotReported,
        [.. k.Whistles.DepartmentsNotReportedCodes.Select(DepartmentName)],
        new TeamCounts(k.Teams.Available, k.Teams.Dispatched, k.Teams.EnRoute, k.Teams.OnScene, k.Teams.OffDuty));

    /// <summary>A street's open and overdue work counts incidents and tickets together; on-time is today's ticket closures.</summary>
    private static StreetRow Street(Street street, StreetKpis figures)
    {
        var k = figures.Kpis;
        return new StreetRow(street.Code, EventLabels.ShortName(street),
            k.Incidents.Open + k.Tickets.Open, k.Incidents.Overdue + k.Tickets.Overdue, k.Tickets.OnTimeClosureRate);
    }

    private string DepartmentName(string code) => district.DepartmentsByCode.TryGetValue(code, out var d) ? d.Name : code;
}
