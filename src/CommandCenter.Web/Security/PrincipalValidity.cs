using System.Security.Claims;
using CommandCenter.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Security;

/// <summary>
/// Is a principal that was let in still valid now? A kiosk token must not be revoked; a person's account must still
/// exist, carry the security stamp the sign-in was issued with (sign out everywhere, a lock, a role change renew it) and
/// not be locked. Asked every <c>Security:RevalidationInterval</c> for every open circuit and hub connection, and when a
/// connection opens.
/// </summary>
public sealed class PrincipalValidity(IServiceScopeFactory scopes)
{
    public const string Revoked = "kiosk token revoked";
    public const string SignedOut = "signed out";
    public const string Locked = "account locked";

    /// <summary>Null while <paramref name="user"/> is still valid; else why it no longer is.</summary>
    public async Task<string?> ProblemAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.Identity?.IsAuthenticated != true)
            return "not signed in";
        await using var scope = scopes.CreateAsyncScope();
        if (user.FindFirstValue(CcClaims.KioskId) is { } kioskId)
            return await scope.ServiceProvider.GetRequiredService<KioskTokenStore>().IsActiveAsync(kioskId, ct) ? null : Revoked;
        if (user.FindFirstValue(CcClaims.ApiKeyId) is not null)
            return null; // a producer key holds no circuit or hub connection (the policies refuse it); its requests are checked one by one
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.GetUserAsync(user) is not { } account)
            return SignedOut;
        var stampType = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (user.FindFirstValue(stampType) != account.SecurityStamp)
            return SignedOut;
        return await users.IsLockedOutAsync(account) ? Locked : null;
    }

    private static readonly string StampClaim = new ClaimsIdentityOptions().SecurityStampClaimType;

    /// <summary>The principal an open connection is re-checked as: one check serves all its connections.</summary>
    public static string KeyOf(ClaimsPrincipal user) =>
        $"{user.FindFirstValue(ClaimTypes.NameIdentifier)}|{user.FindFirstValue(StampClaim)}";
}
