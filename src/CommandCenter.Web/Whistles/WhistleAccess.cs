using System.Security.Claims;
using CommandCenter.Core.Events;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Security;

namespace CommandCenter.Web.Whistles;

/// <summary>
/// Who sees and does what on the whistle pages. The pages offer only what these allow; the command service and the
/// reducer check every action again (Shared/ConsoleCommandService, DistrictReducer.Actors).
/// </summary>
public static class WhistleAccess
{
    /// <summary>District-wide roles see every whistle, street people their street's, a liaison those summoning their department.</summary>
    public static IEnumerable<Whistle> Visible(ClaimsPrincipal user, DistrictState state) =>
        state.Whistles.Values.Where(w => CanSee(user, w));

    public static bool CanSee(ClaimsPrincipal user, Whistle whistle) =>
        user.CanReadStreet(whistle.Street) || LiaisonDepartment(user) is { } department && Summons(whistle, department);

    /// <summary>The department a liaison speaks for, or null for everyone else.</summary>
    public static string? LiaisonDepartment(ClaimsPrincipal user) =>
        user.IsInRole(Roles.DepartmentLiaison) ? user.DepartmentOf() : null;

    public static bool Summons(Whistle whistle, string department) => whistle.Departments.Any(d => d.Department == department);

    /// <summary>A member of the whistle's street leadership: feedback, verify and close, evaluate.</summary>
    public static bool Leads(ClaimsPrincipal user, string street) => user.IsStreetScoped() && user.StreetOf() == street;

    /// <summary>
    /// The levels this person may blow a whistle at: a street leader work-advance only, the street director (party
    /// secretary or office director) work-advance or tough-problem; nobody else blows whistles.
    /// </summary>
    public static IReadOnlyList<WhistleLevel> BlowableLevels(ClaimsPrincipal user) =>
        user.IsInRole(Roles.StreetDirector) ? [WhistleLevel.WorkAdvance, WhistleLevel.ToughProblem]
        : user.IsInRole(Roles.StreetLeader) ? [WhistleLevel.WorkAdvance]
        : [];
}
