using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Hosting;

/// <summary>
/// Every Development start seeds nine demo accounts, and every sign-in verifies a password: at the framework's 100,000
/// PBKDF2 iterations each hash costs about 250 ms of CPU on the 2-core test machine, seconds per app and minutes per
/// run. Tests prove who may sign in and that passwords are stored as framework hashes, not the hash's work factor, so
/// the apps they start hash with fewer iterations (the product keeps the framework's default).
/// </summary>
internal static class QuickPasswordHashing
{
    public const int Iterations = 1_000;

    public static IServiceCollection HashPasswordsQuickly(this IServiceCollection services) =>
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = Iterations);
}
