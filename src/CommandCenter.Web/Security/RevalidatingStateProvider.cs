using System.Security.Claims;
using CommandCenter.Infrastructure.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Security;

/// <summary>
/// A live circuit re-checks its principal: a person's security stamp (sign-out everywhere, lockout, role change)
/// and a kiosk's token (revocation). When the check fails the circuit loses its user and the page's authorization
/// stops rendering protected content.
/// </summary>
public sealed class RevalidatingStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<SecurityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval =>
        options.Value.RevalidationInterval > TimeSpan.Zero ? options.Value.RevalidationInterval : TimeSpan.FromSeconds(5);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        var user = state.User;
        await using var scope = scopes.CreateAsyncScope();
        if (user.FindFirstValue(CcClaims.KioskId) is { } kioskId)
        {
            var tokens = await scope.ServiceProvider.GetRequiredService<KioskTokenStore>().ListAsync(ct);
            return tokens.Any(t => t.Id == kioskId && t.RevokedAt is null);
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.GetUserAsync(user) is not { } account)
            return false;
        var stampType = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        return user.FindFirstValue(stampType) == account.SecurityStamp && !await users.IsLockedOutAsync(account);
    }
}
