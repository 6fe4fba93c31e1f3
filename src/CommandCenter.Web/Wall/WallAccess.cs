using CommandCenter.Core.Access;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.Authorization;

namespace CommandCenter.Web.Wall;

/// <summary>
/// Who may open a wall view (<c>/wall</c>, <c>/wall/structure</c>, <c>/wall/street/{code}</c>, <c>/kiosk/{screen}</c>):
/// a person the permission table lets see it (the district wall: district-wide roles; a street's wall: also that
/// street's leadership), or a kiosk token bound to that very view (<see cref="WallViews"/>).
/// </summary>
public sealed class WallViewRequirement : IAuthorizationRequirement;

public sealed class WallViewHandler : AuthorizationHandler<WallViewRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, WallViewRequirement requirement)
    {
        var user = context.User;
        var view = WallViews.ViewOf(context.Resource);
        var street = WallViews.StreetOf(view);
        var person = user.ToActor() is { } actor
            && (Permissions.CanView(actor, View.DistrictWall) || street is not null && Permissions.CanView(actor, View.Street, street));
        var kiosk = user.IsKiosk() && user.FindAll(CcClaims.KioskView).Any(c => string.Equals(c.Value, view, StringComparison.OrdinalIgnoreCase));
        if (person || kiosk)
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
