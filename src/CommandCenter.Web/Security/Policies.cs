using CommandCenter.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Web.Security;

/// <summary>
/// The authorization policies. The fallback (every endpoint that names no policy) admits only people with a role,
/// and a kiosk token to its wall's circuit: kiosk tokens and producer keys get in elsewhere only where a policy below
/// names them.
/// </summary>
public static class Policies
{
    /// <summary>
    /// The wall pages (/wall, /wall/structure, /wall/street/{code}, /kiosk/{screen}): district-wide people, street people
    /// for their own street's wall, or a kiosk token bound to that view.
    /// </summary>
    public const string WallView = "wall-view";

    /// <summary>The live hub: any person, or any kiosk token (scopes are checked per subscription).</summary>
    public const string LiveHub = "live-hub";

    public const string Admin = "admin";

    /// <summary>People who may send console commands (a command's own rules then decide).</summary>
    public const string Console = "console";

    /// <summary>
    /// A street's console (<c>/street/{code}</c>): people who may read that street (district-wide roles, or that street's
    /// own director and leader). Never a kiosk token: kiosks have the street wall.
    /// </summary>
    public const string StreetConsole = "street-console";

    /// <summary><c>POST /api/v1/events</c>: a producer API key.</summary>
    public const string Producer = "producer";

    public static void Add(AuthorizationOptions options)
    {
        var people = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.All).Build();
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new PersonOrKioskCircuitRequirement()).Build();
        options.DefaultPolicy = people;
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        options.AddPolicy(Console, p => p.RequireAuthenticatedUser().RequireRole(Roles.All.Where(r => r != Roles.Admin)));
        options.AddPolicy(Producer, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
            .RequireClaim(CcClaims.ApiKeySource));
        options.AddPolicy(LiveHub, p => p.RequireAuthenticatedUser().RequireRole([.. Roles.All, Roles.Kiosk]));
        options.AddPolicy(WallView, p => p.RequireAuthenticatedUser().AddRequirements(new WallViewRequirement()));
        options.AddPolicy(StreetConsole, p => p.RequireAuthenticatedUser().AddRequirements(new StreetConsoleRequirement()));
    }
}

/// <summary>The wall view being opened, named as kiosk tokens name their views.</summary>
public sealed class WallViewRequirement : IAuthorizationRequirement
{
    public const string Wall = "wall";

    public const string Structure = "structure";

    /// <summary>The kiosk screen, <c>street:{code}</c> for a street wall, <c>structure</c>, else <c>wall</c>.</summary>
    public static string ViewOf(object? resource) => resource switch
    {
        HttpContext http => ViewOf(http.Request.Path, http.GetRouteValue("screen") as string, http.GetRouteValue("code") as string),
        Microsoft.AspNetCore.Components.RouteData route => ViewOf(
            route.Template is { } template ? new PathString(template) : default, Value(route, "screen"), Value(route, "code")),
        _ => Wall,
    };

    /// <summary>The street a street wall shows, if the view is one.</summary>
    public static string? StreetOf(string view) => view.StartsWith("street:", StringComparison.Ordinal) ? view["street:".Length..] : null;

    private static string ViewOf(PathString path, string? screen, string? code) =>
        screen is not null ? screen
        : code is not null ? $"street:{code}"
        : path.StartsWithSegments("/wall/structure") ? Structure
        : Wall;

    private static string? Value(Microsoft.AspNetCore.Components.RouteData route, string key) =>
        route.RouteValues.FirstOrDefault(pair => string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase)).Value as string;
}

/// <summary>
/// The fallback: a person with a role, or a kiosk token opening its wall's circuit (<c>/_blazor</c>). The circuit
/// endpoints name no policy of their own; each page a kiosk's circuit renders is still checked by its own policy.
/// </summary>
public sealed class PersonOrKioskCircuitRequirement : IAuthorizationRequirement
{
    public const string CircuitPath = "/_blazor";
}

public sealed class PersonOrKioskCircuitHandler : AuthorizationHandler<PersonOrKioskCircuitRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PersonOrKioskCircuitRequirement requirement)
    {
        var user = context.User;
        var kioskCircuit = user.IsKiosk() && context.Resource is HttpContext http && http.Request.Path.StartsWithSegments(PersonOrKioskCircuitRequirement.CircuitPath);
        if (Roles.All.Any(user.IsInRole) || kioskCircuit)
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

public sealed class WallViewHandler : AuthorizationHandler<WallViewRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, WallViewRequirement requirement)
    {
        var user = context.User;
        var view = WallViewRequirement.ViewOf(context.Resource);
        var street = WallViewRequirement.StreetOf(view);
        if (user.SeesWholeDistrict() || (street is not null && user.CanReadStreet(street)) || (user.IsKiosk() && user.FindAll(CcClaims.KioskView).Any(c => string.Equals(c.Value, view, StringComparison.OrdinalIgnoreCase))))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>The street named by the <c>code</c> route value, read by a person who may read it.</summary>
public sealed class StreetConsoleRequirement : IAuthorizationRequirement;

public sealed class StreetConsoleHandler : AuthorizationHandler<StreetConsoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StreetConsoleRequirement requirement)
    {
        var street = WallViewRequirement.StreetOf(WallViewRequirement.ViewOf(context.Resource));
        if (street is not null && !context.User.IsKiosk() && context.User.CanReadStreet(street))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
