using CommandCenter.Core.Access;
using CommandCenter.Web.Security;
using CommandCenter.Web.Wall;
using Microsoft.AspNetCore.Authorization;

namespace CommandCenter.Web.Streets;

/// <summary>
/// A street's console (<c>/street/{code}</c>, the street named by the <c>code</c> route value): people the permission
/// table lets read that street (district-wide roles, or that street's own director and leader). Never a kiosk token:
/// kiosks have the street wall.
/// </summary>
public sealed class StreetConsoleRequirement : IAuthorizationRequirement;

public sealed class StreetConsoleHandler : AuthorizationHandler<StreetConsoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StreetConsoleRequirement requirement)
    {
        var street = WallViews.StreetOf(WallViews.ViewOf(context.Resource));
        if (street is not null && context.User.ToActor() is { } actor && Permissions.CanView(actor, View.Street, street))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
