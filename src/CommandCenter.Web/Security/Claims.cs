using System.Security.Claims;
using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Security;

namespace CommandCenter.Web.Security;

/// <summary>The command center's own claims, and what they say about the signed-in principal.</summary>
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

    /// <summary>A person (never a kiosk or a producer key) whose role sees the whole district.</summary>
    public static bool SeesWholeDistrict(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Operator) || user.IsInRole(Roles.Dispatcher) || user.IsInRole(Roles.DistrictLeader) || user.IsInRole(Roles.Admin);

    /// <summary>May this principal read street <paramref name="street"/>'s items?</summary>
    public static bool CanReadStreet(this ClaimsPrincipal user, string street) =>
        user.SeesWholeDistrict() || (IsStreetScoped(user) && user.StreetOf() == street);

    public static bool IsStreetScoped(this ClaimsPrincipal user) => user.IsInRole(Roles.StreetDirector) || user.IsInRole(Roles.StreetLeader);

    /// <summary>The person as an event's <c>actor</c>: the most specific of their roles.</summary>
    public static Actor? ToActor(this ClaimsPrincipal user)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
            return null;
        string[] precedence = [Roles.StreetDirector, Roles.StreetLeader, Roles.DepartmentLiaison, Roles.DistrictLeader, Roles.Dispatcher, Roles.Operator, Roles.Admin];
        var role = precedence.FirstOrDefault(user.IsInRole);
        return role is null ? null : new Actor(id, Roles.ToActorRole(role), user.StreetOf(), user.DepartmentOf());
    }
}
