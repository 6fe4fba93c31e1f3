using System.Threading.RateLimiting;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Hubs;
using CommandCenter.Web.Kiosk;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Web.Security;

public static class WebSecurity
{
    public const string DefaultScheme = "cc";
    public const string AuthCookieName = "cc_auth";
    public const string OidcScheme = "oidc";

    /// <summary>
    /// Identity (local accounts over Dapper), cookie sign-in, kiosk tokens, producer API keys, optional OpenID Connect,
    /// the policies (deny by default), rate limits, hub filters and circuit limits.
    /// </summary>
    public static IServiceCollection AddCommandCenterSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section)).ValidateOnStart()
            .Validate(o => o.Problem() is null, "Security options are invalid (rate limits at least 1, intervals not negative)");
        var security = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();

        services.AddCommandCenterAccounts()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<CcClaimsPrincipalFactory>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = security.RevalidationInterval);

        var auth = services.AddAuthentication(o =>
        {
            o.DefaultScheme = DefaultScheme;
            o.DefaultChallengeScheme = DefaultScheme;
        });
        auth.AddPolicyScheme(DefaultScheme, "Cookie, kiosk token or API key", o => o.ForwardDefaultSelector = SelectScheme);
        auth.AddIdentityCookies();
        auth.AddScheme<AuthenticationSchemeOptions, KioskAuthenticationHandler>(KioskAuthenticationHandler.SchemeName, o =>
        {
            // A kiosk lacking a view is refused as a person would be (403 on APIs and hubs); a revoked one is told so
            // (KioskAuthenticationHandler's challenge).
            o.ForwardForbid = IdentityConstants.ApplicationScheme;
        });
        auth.AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = AuthCookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.LoginPath = "/signin";
            o.LogoutPath = "/account/signout";
            o.AccessDeniedPath = "/access-denied";
            o.Events.OnRedirectToLogin = ctx => StatusOrRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => StatusOrRedirect(ctx, StatusCodes.Status403Forbidden);
        });
        if (OidcSettings.From(configuration) is { } oidc)
            auth.AddOpenIdConnect(OidcScheme, "政务统一身份认证", o => oidc.Apply(o, security.PublicBase));

        services.AddAuthorization(Policies.Add);
        services.AddSingleton<IAuthorizationHandler, ViewHandler>();
        services.AddSingleton<IAuthorizationHandler, Wall.WallViewHandler>();
        services.AddSingleton<IAuthorizationHandler, Streets.StreetConsoleHandler>();
        services.AddSingleton<IAuthorizationHandler, PersonOrKioskCircuitHandler>();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<PrincipalValidity>();
        services.AddSingleton<Account.SignInThrottle>();
        services.AddSingleton<Account.UnknownAccountHash>();
        services.AddScoped<AuthenticationStateProvider, RevalidatingStateProvider>();
        services.AddScoped<CircuitHandler, CircuitRevocation>();
        services.AddSingleton<OpenConnections>();
        services.AddHostedService<ConnectionRevalidator>();

        services.AddProblemDetails();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimits.SignIn, ctx => RateLimitPartition.GetFixedWindowLimiter(ClientAddress(ctx), _ => PerMinute(security.SignInPerMinute)));
            o.AddPolicy(RateLimits.Ingest, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.User.FindFirst(CcClaims.ApiKeyId)?.Value ?? ClientAddress(ctx), _ => PerMinute(security.IngestPerMinute)));
            o.AddPolicy(RateLimits.Commands, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.User.Identity?.Name ?? ClientAddress(ctx), _ => PerMinute(security.CommandsPerMinute)));
        });

        services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = 32 * 1024;
            o.AddFilter<OpenConnections>();
            o.AddFilter<HubRateLimitFilter>();
            o.AddFilter<HubScopeFilter>();
        });
        services.AddSingleton<HubRateLimitFilter>();
        services.AddSingleton<HubScopeFilter>();
        services.Configure<CircuitOptions>(o =>
        {
            o.DisconnectedCircuitMaxRetained = 50;
            o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(2);
            o.MaxBufferedUnacknowledgedRenderBatches = 10;
            o.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
        });
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = RequestLimits.MaxBody;
            o.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "cc_af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddProductionHosting(configuration, environment);

        if (environment.IsDevelopment())
            services.AddHostedService<DemoAccountSeeder>();
        return services;
    }

    /// <summary>One scheme per request, from what it carries; no credentials → the sign-in cookie (which redirects to /signin).</summary>
    private static string SelectScheme(HttpContext context)
    {
        var request = context.Request;
        if (ApiKeyAuthenticationHandler.KeyOf(request) is not null)
            return ApiKeyAuthenticationHandler.SchemeName;
        if (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || (request.Path.StartsWithSegments("/hubs") && request.Query.ContainsKey("access_token")))
            return KioskAuthenticationHandler.SchemeName;
        if (!request.Cookies.ContainsKey(AuthCookieName) && request.Cookies.ContainsKey(KioskAuthenticationHandler.CookieName))
            return KioskAuthenticationHandler.SchemeName;
        return IdentityConstants.ApplicationScheme;
    }

    /// <summary>
    /// APIs, hubs and circuits get a status code; pages get the redirect to sign-in or access denied, relative: the
    /// framework builds it absolute from the request's <c>Host</c> header, which the client chooses.
    /// </summary>
    private static Task StatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        var path = ctx.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor")
            || path.StartsWithSegments("/healthz") || !HttpMethods.IsGet(ctx.Request.Method))
            ctx.Response.StatusCode = status;
        else
            ctx.Response.Redirect(Relative(ctx.RedirectUri));
        return Task.CompletedTask;
    }

    /// <summary>The path and query of <paramref name="uri"/>, dropping any scheme and host.</summary>
    public static string Relative(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.PathAndQuery : uri;

    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };
}

public static class RateLimits
{
    public const string SignIn = "signin";
    public const string Ingest = "ingest";
    public const string Commands = "commands";
}

public static class RequestLimits
{
    /// <summary>The largest request body accepted anywhere (the ingest API's 1 MB batch).</summary>
    public const long MaxBody = 1024 * 1024;
}
