using CommandCenter.Core.Access;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Streets;
using CommandCenter.Web.Wall;
using Microsoft.AspNetCore.Authorization;

namespace CommandCenter.Web.Security;

/// <summary>
/// The authorization policies. Who may open what is the permission table's to say (Core/Access/Permissions); these
/// policies only ask it, for the signed-in person. The fallback (every endpoint that names no policy) admits only people
/// with a role, and a kiosk token to its wall's circuit: kiosk tokens and producer keys get in elsewhere only where a
/// policy below names them. The wall's and the street console's own rules live with their features
/// (Wall/WallAccess, Streets/StreetConsoleAccess).
/// </summary>
public static class Policies
{
    /// <summary>The wall pages: see <see cref="WallViewRequirement"/>.</summary>
    public const string WallView = "wall-view";

    /// <summary>The live hub: any person, or any kiosk token (scopes are checked per subscription).</summary>
    public const string LiveHub = "live-hub";

    /// <summary><see cref="View.Administration"/>.</summary>
    public const string Admin = "admin";

    /// <summary><see cref="View.Console"/>: people who may send console commands (a command's own rules then decide).</summary>
    public const string Console = "console";

    /// <summary><see cref="View.Tickets"/>: the 12345 ticket board.</summary>
    public const string Tickets = "tickets";

    /// <summary><see cref="View.Takeovers"/>: the takeover console.</summary>
    public const string Takeovers = "takeovers";

    /// <summary><see cref="View.Whistles"/>: the whistle pages.</summary>
    public const string Whistles = "whistles";

    /// <summary><see cref="View.Dispatch"/>: the dispatch console.</summary>
    public const string Dispatch = "dispatch";

    /// <summary>A street's console: see <see cref="StreetConsoleRequirement"/>.</summary>
    public const string StreetConsole = "street-console";

    /// <summary><c>/healthz/detail</c>: the figures behind the health status, for the people who run the center.</summary>
    public const string HealthDetail = "health-detail";

    /// <summary><c>POST /api/v1/events</c>: a producer API key.</summary>
    public const string Producer = "producer";

    public static void Add(AuthorizationOptions options)
    {
        var people = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.All).Build();
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new PersonOrKioskCircuitRequirement()).Build();
        options.DefaultPolicy = people;
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().AddRequirements(new ViewRequirement(View.Administration)));
        options.AddPolicy(Console, p => p.RequireAuthenticatedUser().AddRequirements(new ViewRequirement(View.Console)));
        options.AddPolicy(Dispatch, p => p.RequireAuthenticatedUser().AddRequirements(new ViewRequirement(View.Dispatch)));
        options.AddPolicy(Tickets, p => p.RequireAuthenticatedUser().AddRequirements(new ViewRequirement(View.Tickets)));
        options.AddPolicy(Takeovers, p => p.RequireAuthenticatedUser().AddRequirements(new ViewRequirement(View.Takeovers)));
        options.AddPolicy(Whistles, p => p.RequireAuthenticatedUser().AddRequirements(new ViewRequirement(View.Whistles)));
        options.AddPolicy(Producer, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
            .RequireClaim(CcClaims.ApiKeySource));
        options.AddPolicy(LiveHub, p => p.RequireAuthenticatedUser().RequireRole([.. Roles.All, Roles.Kiosk]));
        options.AddPolicy(HealthDetail, p => p.RequireAuthenticatedUser().RequireRole(Roles.Operator, Roles.Admin));
        options.AddPolicy(WallView, p => p.RequireAuthenticatedUser().AddRequirements(new WallViewRequirement()));
        options.AddPolicy(StreetConsole, p => p.RequireAuthenticatedUser().AddRequirements(new StreetConsoleRequirement()));
    }
}

/// <summary>A person the permission table lets open <paramref name="View"/> (never a kiosk token or a producer key).</summary>
public sealed record ViewRequirement(View View) : IAuthorizationRequirement;

public sealed class ViewHandler : AuthorizationHandler<ViewRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ViewRequirement requirement)
    {
        if (!context.User.IsKiosk() && context.User.ToActor() is { } actor && Permissions.CanView(actor, requirement.View))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
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
