using System.Security.Claims;
using CommandCenter.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Security;

/// <summary>Puts roles, street and department into the sign-in cookie, so every request knows the user's scope.</summary>
public sealed class CcClaimsPrincipalFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        foreach (var role in await UserManager.GetRolesAsync(user))
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        if (user.Street is { Length: > 0 } street)
            identity.AddClaim(new Claim(CcClaims.Street, street));
        if (user.Department is { Length: > 0 } department)
            identity.AddClaim(new Claim(CcClaims.Department, department));
        if (user.DisplayName is { Length: > 0 } display)
            identity.AddClaim(new Claim("cc:display-name", display));
        return identity;
    }
}
