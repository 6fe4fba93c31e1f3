using System.Text.Json;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;

namespace CommandCenter.Web.Dispatches;

/// <summary>A street team as the board shows it: its live status (no state yet means available) and what it is on.</summary>
public sealed record TeamRow(TeamInfo Team, string Street, TeamStatus Status, Dispatch? Active, Incident? Incident)
{
    public bool IsAvailable => Status == TeamStatus.Available && Active is null;
}

/// <summary>
/// What the dispatch console and the street view read from one live state: the incident queue, the teams per street,
/// the active dispatches. Pure functions of the state and the reader's scope; the pages only render them.
/// </summary>
public static class DispatchBoard
{
    /// <summary>
    /// Open incidents waiting for a team, most severe first (1 is the most severe), then oldest first: those with an
    /// active dispatch, or one this page has just sent, are out of the queue until it ends or is refused.
    /// </summary>
    public static IReadOnlyList<Incident> Queue(DistrictState state, Func<string, bool> canRead, string? street, string? category, IReadOnlySet<Guid> sending)
    {
        var busy = ActiveByIncident(state);
        return [.. state.Incidents.Values
            .Where(i => i.IsOpen && canRead(i.Street) && (street is null || i.Street == street) && (category is null || i.Category == category)
                && !busy.ContainsKey(i.Id) && !sending.Contains(i.Id))
            .OrderBy(i => i.Severity).ThenBy(i => i.ReportedAt).ThenBy(i => i.Id)];
    }

    /// <summary>The categories of the open incidents the reader sees, for the filter.</summary>
    public static IReadOnlyList<string> Categories(DistrictState state, Func<string, bool> canRead, string? street) =>
        [.. state.Incidents.Values.Where(i => i.IsOpen && canRead(i.Street) && (street is null || i.Street == street))
            .Select(i => i.Category).Distinct().Order(StringComparer.Ordinal)];

    public static Dictionary<Guid, Dispatch> ActiveByIncident(DistrictState state)
    {
        var byIncident = new Dictionary<Guid, Dispatch>();
        foreach (var dispatch in state.Dispatches.Values)
            if (dispatch.IsActive && dispatch.IncidentId is { } incident)
                byIncident[incident] = dispatch;
        return byIncident;
    }

    /// <summary>Active dispatches the reader sees, oldest first.</summary>
    public static IReadOnlyList<Dispatch> Active(DistrictState state, Func<string, bool> canRead, string? street) =>
        [.. state.Dispatches.Values.Where(d => d.IsActive && canRead(d.Street) && (street is null || d.Street == street))
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)];

    /// <summary>An incident's dispatches, newest first.</summary>
    public static IReadOnlyList<Dispatch> OfIncident(DistrictState state, Guid incident) =>
        [.. state.Dispatches.Values.Where(d => d.IncidentId == incident).OrderByDescending(d => d.CreatedAt)];

    public static IReadOnlyList<TeamRow> Teams(DistrictState state, Street street) =>
        [.. street.Teams.Select(team => Team(state, team, street.Code))];

    public static TeamRow Team(DistrictState state, TeamInfo team, string street)
    {
        if (!state.Teams.TryGetValue(team.Id, out var live))
            return new TeamRow(team, street, TeamStatus.Available, null, null);
        var active = live.ActiveDispatchId is { } id && state.Dispatches.TryGetValue(id, out var d) ? d : null;
        var incident = active?.IncidentId is { } incidentId && state.Incidents.TryGetValue(incidentId, out var i) ? i : null;
        return new TeamRow(team, street, live.Status, active, incident);
    }

    /// <summary>Status as the wire spells it (<c>en-route</c>, <c>off-duty</c>), for data attributes and tests.</summary>
    public static string Code<TStatus>(TStatus status) where TStatus : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());
}
