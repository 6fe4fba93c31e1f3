using System.Collections.Immutable;
using CommandCenter.Core.Deadlines;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;
using CommandCenter.Core.Time;
using CommandCenter.Core.Whistles;
using CommandCenter.Web.Live;

namespace CommandCenter.Web.Wall;

/// <summary>
/// Turns a live snapshot into the wall's view: pure given its inputs, so every circuit can share its result.
/// The live feed passes a <see cref="WallBuildCache"/> so hourly sparklines and body loads are not recounted over
/// every entity ten times a second; a replay passes none and counts everything for its moment.
/// </summary>
public sealed class WallViewBuilder(DistrictModel district, KpiCalculator kpis, EventLabels labels)
{
    /// <summary>When the data cannot be confirmed current for this long, the wall says it is stale.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(10);

    /// <param name="freshness">The live tail's freshness; null for a replay, whose moment is its own "as of".</param>
    public WallView Build(LiveSnapshot live, DateTimeOffset now, long version, WallBuildCache? cache = null, LiveFreshness? freshness = null)
    {
        var figures = kpis.Calculate(live.State, now);
        var streets = Rank([.. district.Streets.Zip(figures.Streets, Street)]);
        var structure = cache?.Structure(live.State, now, Structure) ?? Structure(live.State, now);
        ImmutableArray<TickerRow> ticker = [.. live.Recent.Select(envelope => labels.Row(envelope, live.State))];
        return new WallView(
            District(figures.District),
            streets,
            ticker,
            cache?.Sparklines(live.State, figures) ?? HourlyCounts.Sparklines(live.State, figures, previous: null),
            WhistleStages.Count(live.State.Whistles.Values, now),
            structure,
            DistrictClock.ToLocal(now),
            AsOf(live, freshness),
            IsStale(live, freshness, now),
            live.IsHydrated,
            version,
            StreetKpis: figures.Streets.ToImmutableDictionary(s => s.Street, s => District(s.Kpis)),
            Trends: TrendCalculator.Calculate(live.State.Rollups, now),
            StreetTrends: district.Streets.Select((street, index) => (street.Code, index))
                .ToImmutableDictionary(s => s.Code, s => TrendCalculator.Calculate(live.State.Rollups, now, s.index)),
            StreetTickers: district.Streets.ToImmutableDictionary(s => s.Code, s => ticker.Where(r => r.StreetCode == s.Code).ToImmutableArray()));
    }

    /// <summary>Stale: not loaded yet, or the data cannot be confirmed current (see <see cref="LiveFreshness"/>).</summary>
    public static bool IsStale(LiveSnapshot live, LiveFreshness? freshness, DateTimeOffset now) =>
        !live.IsHydrated || (freshness ?? new LiveFreshness(live.LastReceivedAt, null)).IsStale(now, StaleAfter);

    /// <summary>"Data as of": the last time the log was read successfully.</summary>
    public static DateTimeOffset? AsOf(LiveSnapshot live, LiveFreshness? freshness) =>
        (freshness?.LastReadAt ?? live.LastReceivedAt) is { } asOf ? DistrictClock.ToLocal(asOf) : null;

    private WallKpis District(KpiSet k) => new(
        k.Incidents.ReportedToday, k.Incidents.Open, k.Incidents.Overdue,
        k.Tickets.ReceivedToday, k.Tickets.ClosedToday, k.Tickets.Overdue,
        k.Tickets.OnTimeClosureRate, k.Tickets.SatisfactionRate,
        k.Whistles.WorkAdvance, k.Whistles.ToughProblem, k.Whistles.District,
        k.Whistles.DepartmentsNotReported,
        [.. k.Whistles.DepartmentsNotReportedCodes.Select(labels.DepartmentName)],
        new TeamCounts(k.Teams.Available, k.Teams.Dispatched, k.Teams.EnRoute, k.Teams.OnScene, k.Teams.OffDuty));

    /// <summary>A street's open and overdue work counts incidents and tickets together; on-time is today's ticket closures.</summary>
    private static StreetRow Street(Street street, StreetKpis figures)
    {
        var k = figures.Kpis;
        return new StreetRow(street.Code, EventLabels.ShortName(street),
            k.Incidents.Open + k.Tickets.Open, k.Incidents.Overdue + k.Tickets.Overdue, k.Tickets.OnTimeClosureRate);
    }

    /// <summary>
    /// Ranks the streets (1 = best): the smallest overdue share of open work first, then the best on-time rate, then
    /// the least open work. Load level 0–4 grades open work plus overdue (weighted 5×) between the quietest and the
    /// busiest street (0 only for a street with nothing open).
    /// </summary>
    internal static ImmutableArray<StreetRow> Rank(ImmutableArray<StreetRow> rows)
    {
        static double Share(StreetRow r) => r.Open == 0 ? 0 : (double)r.Overdue / r.Open;
        static int Score(StreetRow r) => r.Open + 5 * r.Overdue;
        var order = rows.OrderBy(Share).ThenByDescending(r => r.OnTimeRate ?? -1).ThenBy(r => r.Open).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Select((row, index) => (row.Code, Rank: index + 1)).ToDictionary(x => x.Code, x => x.Rank);
        // Graded across the district's own spread, so the map tells streets apart on a busy day as on a quiet one.
        var min = rows.IsEmpty ? 0 : rows.Min(Score);
        var max = rows.IsEmpty ? 0 : rows.Max(Score);
        return [.. rows.Select(r => r with
        {
            Rank = order[r.Code],
            LoadLevel = Score(r) == 0 ? 0 : max == min ? 2 : Math.Clamp(1 + (int)(3.999 * (Score(r) - min) / (max - min)), 1, 4),
        })];
    }

    /// <summary>Short names of the 8 bodies for diagram nodes; the full names are in the reference model.</summary>
    internal static Bilingual BodyShortName(Body body) => body.Code switch
    {
        "party-office" => new("党政综合部", "Party office"),
        "livelihood" => new("民生保障部", "Livelihood"),
        "city-management" => new("城市管理部", "City mgmt"),
        "development" => new("发展服务部", "Development"),
        "public-safety" => new("平安建设部", "Safety"),
        "enforcement-bureau" => new("执法局", "Enforcement"),
        "command-center" => new("指挥中心", "Command ctr"),
        "citizen-service" => new("便民服务", "Service ctr"),
        _ => new(body.Name, body.NameEn),
    };

    /// <summary>Open and overdue work per street and body: one pass over the open incidents and tickets.</summary>
    internal ImmutableArray<StreetLoad> Structure(DistrictState state, DateTimeOffset now)
    {
        var streetIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < district.Streets.Count; i++) streetIndex[district.Streets[i].Code] = i;
        var bodyIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < district.Bodies.Count; i++) bodyIndex[district.Bodies[i].Code] = i;
        var open = new int[district.Streets.Count, district.Bodies.Count + 1];
        var overdue = new int[district.Streets.Count, district.Bodies.Count + 1];
        var unassigned = district.Bodies.Count;

        void Count(string street, string? body, bool late)
        {
            if (!streetIndex.TryGetValue(street, out var s)) return;
            var b = body is not null && bodyIndex.TryGetValue(body, out var found) ? found : unassigned;
            open[s, b]++;
            if (late) overdue[s, b]++;
        }

        // Open work only, through the state's open indexes: the cost follows what is open, not the history.
        foreach (var id in state.OpenIncidents)
            if (state.Incidents.TryGetValue(id, out var i)) Count(i.Street, i.Body, Overdue.IsOverdue(i, now));
        foreach (var id in state.OpenTickets)
            if (state.Tickets.TryGetValue(id, out var t)) Count(t.Street, t.Body, Overdue.IsOverdue(t, now));

        var result = ImmutableArray.CreateBuilder<StreetLoad>(district.Streets.Count);
        for (var s = 0; s < district.Streets.Count; s++)
        {
            int totalOpen = 0, totalOverdue = 0;
            for (var b = 0; b <= district.Bodies.Count; b++) { totalOpen += open[s, b]; totalOverdue += overdue[s, b]; }
            var bodies = district.Bodies.Select((body, b) => new BodyLoad(body.Code, BodyShortName(body), open[s, b], overdue[s, b]));
            result.Add(new StreetLoad(district.Streets[s].Code, EventLabels.ShortName(district.Streets[s]), totalOpen, totalOverdue, [.. bodies]));
        }
        return result.MoveToImmutable();
    }
}
