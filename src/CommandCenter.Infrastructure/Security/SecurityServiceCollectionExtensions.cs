using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommandCenter.Infrastructure.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// ASP.NET Core Identity's core (UserManager, the framework's PasswordHasher, lockout) over the Dapper store, plus the
    /// API-key, kiosk-token and audit stores. Shared by the app and the CLI so both make accounts the same way.
    /// </summary>
    public static IdentityBuilder AddCommandCenterAccounts(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SecurityAudit>();
        services.TryAddSingleton(ProducerSystems.Default);
        services.TryAddSingleton(Core.Reference.DistrictModel.Gulou);
        services.TryAddSingleton<ApiKeyStore>();
        services.TryAddSingleton<KioskTokenStore>();
        services.TryAddScoped<DapperUserStore>();
        return services.AddIdentityCore<AppUser>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireDigit = false;
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
                // An account is locked only by an administrator (/admin/users): failed sign-ins are never counted
                // against the account, which would let a stranger lock its owner out (Account/SignInThrottle slows
                // down the stranger's address instead; docs/decisions/0015).
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddUserStore<DapperUserStore>();
    }
}
