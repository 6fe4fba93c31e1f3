using System.Security.Claims;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Web.Hubs;

/// <summary>
/// Street scope on the hub: a subscription names a scope, and a principal may subscribe only to what it may read.
/// Any other method of the app's hubs needs a person (kiosks are read-only and may only subscribe).
/// </summary>
public sealed class HubScopeFilter : IHubFilter
{
    private static readonly HashSet<string> ReadOnlyMethods = new(StringComparer.OrdinalIgnoreCase) { "Subscribe", "Unsubscribe" };

    /// <summary>Every hub but Blazor's own circuit hub, which has its own limits and no scopes.</summary>
    public static bool IsOwnHub(Hub hub) => hub.GetType().Namespace?.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal) != true;

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (!IsOwnHub(context.Hub))
            return await next(context);
        var user = context.Context.User ?? new ClaimsPrincipal();
        if (user.Identity?.IsAuthenticated != true)
            throw new HubException("not signed in");
        if (ReadOnlyMethods.Contains(context.HubMethodName))
        {
            if (context.HubMethodArguments.FirstOrDefault() is string scope && !CanSubscribe(user, scope))
                throw new HubException($"forbidden: scope '{scope}' is outside your street or department");
        }
        else if (user.IsKiosk())
        {
            throw new HubException("forbidden: a kiosk token is read-only");
        }
        return await next(context);
    }

    /// <summary>
    /// Scopes: <c>district</c> (everything), <c>street:{code}</c> (or the bare street code), <c>department:{code}</c>.
    /// District-wide people and kiosks see all; street leaders and directors only their street; liaisons only their department.
    /// </summary>
    public static bool CanSubscribe(ClaimsPrincipal user, string scope)
    {
        if (user.SeesWholeDistrict() || user.IsKiosk())
            return true;
        var (kind, code) = scope.IndexOf(':') is var colon and > 0 ? (scope[..colon], scope[(colon + 1)..]) : ("street", scope);
        return kind.ToLowerInvariant() switch
        {
            "street" => user.IsStreetScoped() && user.StreetOf() == code,
            "department" => user.IsInRole(Infrastructure.Security.Roles.DepartmentLiaison) && user.DepartmentOf() == code,
            _ => false,
        };
    }
}
