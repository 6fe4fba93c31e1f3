using System.Security.Claims;
using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Security;

namespace CommandCenter.Web.Security;

/// <summary>
/// The command center's own claims, and the signed-in person they describe as an <see cref="Actor"/>: what the
/// permission table (Core/Access/Permissions) decides on, for pages, APIs, hubs and commands alike.
/// </summary>
public static class CcClaims
{
    public const string Street = "cc:street";
    public const string Department = "cc:department";
    public const string KioskView = "cc:kiosk-view";
    public const string KioskId = "cc:kiosk-id";
    public const string ApiKeySource = "cc:api-source";
    public const string ApiKeyId = "cc:api-key-id";

    public static string? StreetOf(this ClaimsPrincipal user) => user.FindFirstValue(Street);

    public static string? DepartmentOf(this ClaimsPrincipal user) => user.FindFirstValue(Department);

    public static bool IsKiosk(this ClaimsPrincipal user) => user.IsInRole(Roles.Kiosk);

    /// <summary>The person as an event's <c>actor</c>: the most specific of their roles. Null for a kiosk token, a producer
    /// key or a stranger: none of them is a person the permission table knows.</summary>
    public static Actor? ToActor(this ClaimsPrincipal user)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
            return null;
        string[] precedence = [Roles.StreetDirector, Roles.StreetLeader, Roles.DepartmentLiaison, Roles.DistrictLeader, Roles.Dispatcher, Roles.Operator, Roles.Admin];
        var role = precedence.FirstOrDefault(user.IsInRole);
        return role is null ? null : new Actor(id, Roles.ToActorRole(role), user.StreetOf(), user.DepartmentOf());
    }
}
