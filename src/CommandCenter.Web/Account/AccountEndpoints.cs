using System.Security.Claims;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CommandCenter.Web.Account;

/// <summary>Sign-in (rate limited, lockout after repeated failures), sign-out, sign-out everywhere, and the SSO round trip.</summary>
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

    private static async Task<IResult> SignInAsync(
        [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl,
        SignInManager<AppUser> signIn, UserManager<AppUser> users, SecurityAudit audit, HttpContext http)
    {
        var ip = WebSecurity.ClientAddress(http);
        var back = LocalOrRoot(returnUrl);
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
            return Results.Redirect($"/signin?error=missing&returnUrl={Uri.EscapeDataString(back)}");

        var result = await signIn.PasswordSignInAsync(username.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        var user = await users.FindByNameAsync(username.Trim());
        if (result.Succeeded)
        {
            await audit.RecordAsync(SecurityAudit.SignedIn, user?.Id, username.Trim(), null, ip);
            return Results.Redirect(back);
        }
        var kind = result.IsLockedOut ? SecurityAudit.LockedOut : SecurityAudit.SignInFailed;
        await audit.RecordAsync(kind, user?.Id, username.Trim(), result.IsNotAllowed ? "not allowed" : null, ip);
        return Results.Redirect($"/signin?error={(result.IsLockedOut ? "locked" : "invalid")}&returnUrl={Uri.EscapeDataString(back)}");
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

    /// <summary>Only a local path is followed after sign-in (no open redirect).</summary>
    public static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
