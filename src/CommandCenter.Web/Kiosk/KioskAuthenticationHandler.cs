using System.Security.Claims;
using System.Text.Encodings.Web;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Kiosk;

/// <summary>
/// A wall screen's device token, from the kiosk cookie (set once by opening the token's URL), from
/// <c>Authorization: Bearer</c> (hub clients that are not browsers: accessTokenFactory), or from <c>access_token</c>
/// on /hubs/ requests (how SignalR's browser client sends it on WebSockets). Looked up on every request, so a
/// revoked token stops working at once.
/// </summary>
public sealed class KioskAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KioskTokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Kiosk";
    public const string CookieName = "cc_kiosk";

    public static string? TokenOf(HttpRequest request)
    {
        if (request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return header["Bearer ".Length..].Trim();
        if (request.Path.StartsWithSegments("/hubs") && request.Query["access_token"].ToString() is { Length: > 0 } query)
            return query;
        return request.Cookies[CookieName];
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (TokenOf(Request) is not { Length: > 0 } secret)
            return AuthenticateResult.NoResult();
        if (await tokens.FindActiveAsync(secret, Context.RequestAborted) is not { } token)
            return AuthenticateResult.Fail("unknown or revoked kiosk token");
        return AuthenticateResult.Success(new AuthenticationTicket(Principal(token), SchemeName));
    }

    /// <summary>
    /// A wall screen whose token was revoked is told so on its screen (<see cref="KioskRevoked"/>), rather than sent to a
    /// sign-in page nobody at the wall will fill in; anything else without a usable credential is challenged as a person.
    /// </summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var path = Request.Path;
        var page = HttpMethods.IsGet(Request.Method) && !path.StartsWithSegments("/api") && !path.StartsWithSegments("/hubs")
            && !path.StartsWithSegments("/_blazor") && !path.StartsWithSegments("/open311");
        if (page && Request.Cookies.ContainsKey(CookieName) && (await HandleAuthenticateOnceSafeAsync()).Failure is not null)
        {
            Response.Redirect(KioskRevoked.Path);
            return;
        }
        await Context.ChallengeAsync(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme, properties);
    }

    public static ClaimsPrincipal Principal(KioskTokenInfo token)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, $"kiosk:{token.Id}"),
            new(ClaimTypes.Name, token.Name),
            new(ClaimTypes.Role, Roles.Kiosk),
            new(CcClaims.KioskId, token.Id),
        };
        claims.AddRange(token.Views.Select(v => new Claim(CcClaims.KioskView, v)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
    }
}
