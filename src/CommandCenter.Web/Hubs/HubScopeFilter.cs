using System.Security.Claims;
using CommandCenter.Core.Reference;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Web.Hubs;

/// <summary>
/// Street scope on the hub: a subscription names a scope (<see cref="LiveScope"/>), and a principal may follow only
/// what the permission table lets it see (<see cref="LiveScope.MayBeFollowedBy"/>). Any other method of the app's hubs
/// needs a person (kiosks are read-only and may only subscribe).
/// </summary>
public sealed class HubScopeFilter(DistrictModel district) : IHubFilter
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
            if (context.HubMethodArguments.FirstOrDefault() is string text)
            {
                var scope = LiveScope.Parse(text, district, out var problem) ?? throw new HubException(problem);
                if (!scope.MayBeFollowedBy(Kiosk.ScreenAccess.Of(user)))
                    throw new HubException($"forbidden: scope '{text}' is outside what you may see");
            }
        }
        else if (user.IsKiosk())
        {
            throw new HubException("forbidden: a kiosk token is read-only");
        }
        return await next(context);
    }
}
