using System.Security.Claims;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CommandCenter.Web.Account;

/// <summary>Sign-in (rate limited per address, failures slowed down per address and name), sign-out, sign-out everywhere, and the SSO round trip.</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");
        account.MapPost("/signin", SignInAsync).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn).DisableRequestTimeout();
        account.MapPost("/signout", SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());
        account.MapPost("/signout-everywhere", SignOutEverywhereAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());
        if (app.ServiceProvider.GetService<IConfiguration>() is { } configuration && OidcSettings.From(configuration) is not null)
        {
            account.MapGet("/sso", (string? returnUrl) => Results.Challenge(
                new AuthenticationProperties { RedirectUri = $"/account/sso-complete?returnUrl={Uri.EscapeDataString(LocalOrRoot(returnUrl))}" },
                [WebSecurity.OidcScheme])).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn);
            account.MapGet("/sso-complete", SsoCompleteAsync).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn);
        }
        return app;
    }

    /// <summary>
    /// A password sign-in that cannot be turned against the account's owner or tell a stranger which names exist: every
    /// failure answers the same (<c>invalid</c>, whatever the reason, and after it was slowed down <c>wait</c>), an unknown
    /// name runs the same password hash as a known one, and failures slow down only the address they come from for that
    /// name (<see cref="SignInThrottle"/>), never lock the account. Only someone who gives the right password learns that
    /// the account is locked (by an administrator).
    /// </summary>
    private static async Task<IResult> SignInAsync(
        [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl,
        SignInManager<AppUser> signIn, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, UnknownAccountHash unknown,
        SignInThrottle throttle, SecurityAudit audit, HttpContext http)
    {
        var ip = WebSecurity.ClientAddress(http);
        var back = LocalOrRoot(returnUrl);
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
            return Results.Redirect($"/signin?error=missing&returnUrl={Uri.EscapeDataString(back)}");
        var name = username.Trim();
        if (throttle.WaitBeforeTrying(ip, name) is { } wait)
        {
            await audit.RecordAsync(SecurityAudit.SignInFailed, null, name, $"throttled for {Math.Ceiling(wait.TotalSeconds)} s", ip);
            http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Redirect($"/signin?error=wait&returnUrl={Uri.EscapeDataString(back)}");
        }

        var user = await users.FindByNameAsync(name);
        var passwordMatches = user is { PasswordHash: not null }
            ? await users.CheckPasswordAsync(user, password)
            : unknown.Verify(hasher, password); // the same work for a name no account has (or one with no password)
        var locked = user is not null && await users.IsLockedOutAsync(user);
        if (user is not null && passwordMatches && !locked)
        {
            await signIn.SignInAsync(user, isPersistent: false);
            throttle.Succeeded(ip, name);
            await audit.RecordAsync(SecurityAudit.SignedIn, user.Id, name, null, ip);
            return Results.Redirect(back);
        }

        throttle.Failed(ip, name);
        if (user is not null && passwordMatches)
        {
            await audit.RecordAsync(SecurityAudit.LockedOut, user.Id, name, "right password, account locked", ip);
            return Results.Redirect($"/signin?error=locked&returnUrl={Uri.EscapeDataString(back)}");
        }
        await audit.RecordAsync(SecurityAudit.SignInFailed, user?.Id, name, user is null ? "no such account" : locked ? "locked" : null, ip);
        return Results.Redirect($"/signin?error=invalid&returnUrl={Uri.EscapeDataString(back)}");
    }

    /// <summary>UseAntiforgery only records the check; endpoints that bind no form enforce it themselves.</summary>
    private static bool AntiforgeryFailed(HttpContext http) =>
        http.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is not { IsValid: true };

    private static async Task<IResult> SignOutAsync(SignInManager<AppUser> signIn, SecurityAudit audit, HttpContext http)
    {
        if (AntiforgeryFailed(http))
            return Results.BadRequest();
        await audit.RecordAsync(SecurityAudit.SignedOut, http.User.FindFirstValue(ClaimTypes.NameIdentifier), http.User.Identity?.Name, null,
            WebSecurity.ClientAddress(http));
        await signIn.SignOutAsync();
        return Results.Redirect("/signin");
    }

    /// <summary>A new security stamp invalidates every cookie and circuit of the account at their next check.</summary>
    private static async Task<IResult> SignOutEverywhereAsync(SignInManager<AppUser> signIn, UserManager<AppUser> users, SecurityAudit audit, HttpContext http)
    {
        if (AntiforgeryFailed(http))
            return Results.BadRequest();
        if (await users.GetUserAsync(http.User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordAsync(SecurityAudit.SignedOutEverywhere, user.Id, user.UserName, null, WebSecurity.ClientAddress(http));
        }
        await signIn.SignOutAsync();
        return Results.Redirect("/signin");
    }

    /// <summary>The SSO vouched for a user name; the local account of that name (not locked out) is who signs in.</summary>
    private static async Task<IResult> SsoCompleteAsync(
        string? returnUrl, SignInManager<AppUser> signIn, UserManager<AppUser> users, SecurityAudit audit, IConfiguration configuration, HttpContext http)
    {
        var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        var claim = OidcSettings.From(configuration)!.UserNameClaim;
        var name = external.Principal?.FindFirstValue(claim);
        var user = name is null ? null : await users.FindByNameAsync(name);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            await audit.RecordAsync(SecurityAudit.SignInFailed, user?.Id, name, "sso: no usable local account", WebSecurity.ClientAddress(http));
            return Results.Redirect("/signin?error=sso");
        }
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "oidc");
        await audit.RecordAsync(SecurityAudit.SignedIn, user.Id, user.UserName, "sso", WebSecurity.ClientAddress(http));
        return Results.Redirect(LocalOrRoot(returnUrl));
    }

    /// <summary>
    /// Only a local path is followed after sign-in (no open redirect): the framework's own local-URL check (which refuses
    /// <c>//host</c>, <c>/\host</c>, absolute URLs and control characters), with anything beyond ASCII percent-encoded so
    /// it can stand in a <c>Location</c> header. Anything else is the root.
    /// </summary>
    public static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 2048 } url && RedirectHttpResult.IsLocalUrl(url) ? AsciiOnly(url) : "/";

    private static string AsciiOnly(string url)
    {
        if (url.All(char.IsAscii))
            return url;
        var ascii = new System.Text.StringBuilder(url.Length * 3);
        foreach (var rune in url.EnumerateRunes())
            ascii.Append(rune.IsAscii ? rune.ToString() : Uri.EscapeDataString(rune.ToString()));
        return ascii.ToString();
    }
}
