using CommandCenter.Core.Access;
using CommandCenter.Web.Kiosk;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.Authorization;

namespace CommandCenter.Web.Wall;

/// <summary>
/// Who may open a wall page (<c>/wall</c>, <c>/wall/structure</c>, <c>/wall/street/{code}</c>): a person the permission
/// table lets see it (the district wall: district-wide roles; a street's wall: also that street's leadership), or a
/// kiosk token bound to that very view (<see cref="ScreenAccess"/>). A kiosk screen (<c>/kiosk/{screen}</c>) opens for a
/// token bound to that screen's name, or for a person who may see some wall; what it then plays is authorized item by
/// item (Kiosk/KioskPage), never by the screen's name.
/// </summary>
public sealed class WallViewRequirement : IAuthorizationRequirement;

public sealed class WallViewHandler : AuthorizationHandler<WallViewRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, WallViewRequirement requirement)
    {
        var user = context.User;
        var allowed = WallViews.ScreenOf(context.Resource) is { } screen
            ? user.IsKiosk()
                ? user.FindAll(CcClaims.KioskView).Any(c => string.Equals(c.Value, screen, StringComparison.OrdinalIgnoreCase))
                : user.ToActor() is { } actor && (Permissions.CanView(actor, View.DistrictWall) || Permissions.IsStreetScoped(actor))
            : ScreenAccess.Of(user).MayShow(WallViews.ViewOf(context.Resource));
        if (allowed)
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
