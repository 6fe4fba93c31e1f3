using CommandCenter.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Web.Security;

/// <summary>
/// The authorization policies. The fallback (every endpoint that names no policy) admits only people with a role:
/// kiosk tokens and producer keys get in only where a policy below names them.
/// </summary>
public static class Policies
{
    /// <summary>/wall and /kiosk/{screen}: district-wide people, or a kiosk token bound to that view.</summary>
    public const string WallView = "wall-view";

    /// <summary>The live hub: any person, or any kiosk token (scopes are checked per subscription).</summary>
    public const string LiveHub = "live-hub";

    public const string Admin = "admin";

    /// <summary>People who may send console commands (a command's own rules then decide).</summary>
    public const string Console = "console";

    /// <summary><c>POST /api/v1/events</c>: a producer API key.</summary>
    public const string Producer = "producer";

    public static void Add(AuthorizationOptions options)
    {
        var people = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.All).Build();
        options.FallbackPolicy = people;
        options.DefaultPolicy = people;
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        options.AddPolicy(Console, p => p.RequireAuthenticatedUser().RequireRole(Roles.All.Where(r => r != Roles.Admin)));
        options.AddPolicy(Producer, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
            .RequireClaim(CcClaims.ApiKeySource));
        options.AddPolicy(LiveHub, p => p.RequireAuthenticatedUser().RequireRole([.. Roles.All, Roles.Kiosk]));
        options.AddPolicy(WallView, p => p.RequireAuthenticatedUser().AddRequirements(new WallViewRequirement()));
    }
}

/// <summary>The view being opened: the <c>screen</c> route value of /kiosk/{screen}, else <c>wall</c>.</summary>
public sealed class WallViewRequirement : IAuthorizationRequirement
{
    public const string Wall = "wall";

    public static string ViewOf(object? resource) => resource switch
    {
        HttpContext http when http.GetRouteValue("screen") is string screen => screen,
        Microsoft.AspNetCore.Components.RouteData route when route.RouteValues.TryGetValue("screen", out var value) && value is string s => s,
        _ => Wall,
    };
}

public sealed class WallViewHandler : AuthorizationHandler<WallViewRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, WallViewRequirement requirement)
    {
        var user = context.User;
        var view = WallViewRequirement.ViewOf(context.Resource);
        if (user.SeesWholeDistrict() || (user.IsKiosk() && user.FindAll(CcClaims.KioskView).Any(c => string.Equals(c.Value, view, StringComparison.OrdinalIgnoreCase))))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
