using CommandCenter.Core.Reference;
using CommandCenter.Core.State;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Web.Streets;

/// <summary>One community's grids and the open incidents reported in them.</summary>
public sealed record CommunityLoad(Community Community, int Comprehensive, int Exclusive, int OpenIncidents);

/// <summary>One of the street's 8 bodies and the open work assigned to it.</summary>
public sealed record BodyLoad(Body Body, int OpenTickets, int OpenIncidents);

/// <summary>
/// Everything of one street on one page (街道工作台): its open tickets, incidents, whistles and dispatches, its teams,
/// its communities and grids, and the load on its 8 bodies. Live; the policy lets in only people who may read it.
/// </summary>
public sealed partial class StreetPage
{
    public const int CompactCap = 10;

    [Inject] private DistrictModel District { get; set; } = null!;

    [Parameter] public string Code { get; set; } = "";

    public static IReadOnlyList<CommunityLoad> Communities(DistrictModel district, DistrictState state, Core.Reference.Street street)
    {
        var open = new Dictionary<string, int>();
        foreach (var incident in state.Incidents.Values)
            if (incident.IsOpen && incident.Street == street.Code && district.Grids.TryGetValue(incident.GridId, out var grid))
                open[grid.Community.Id] = open.GetValueOrDefault(grid.Community.Id) + 1;
        return [.. street.Communities.Select(c => new CommunityLoad(c,
            c.Grids.Count(g => g.Kind == "comprehensive"), c.Grids.Count(g => g.Kind != "comprehensive"), open.GetValueOrDefault(c.Id)))];
    }

    public static IReadOnlyList<BodyLoad> Bodies(DistrictModel district, DistrictState state, string street)
    {
        var tickets = state.Tickets.Values.Where(t => t.IsOpen && t.Street == street && t.Body is not null).CountBy(t => t.Body!).ToDictionary();
        var incidents = state.Incidents.Values.Where(i => i.IsOpen && i.Street == street && i.Body is not null).CountBy(i => i.Body!).ToDictionary();
        return [.. district.Bodies.Select(b => new BodyLoad(b, tickets.GetValueOrDefault(b.Code), incidents.GetValueOrDefault(b.Code)))];
    }
}
