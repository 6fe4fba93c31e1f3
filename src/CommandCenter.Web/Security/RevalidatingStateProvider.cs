using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Security;

/// <summary>
/// A live circuit re-checks its principal every <c>Security:RevalidationInterval</c> (<see cref="PrincipalValidity"/>: a
/// person's security stamp and lockout, a kiosk's token). When the check fails the circuit loses its user, and
/// <see cref="CircuitRevocation"/> sends the browser away from it (to sign-in, or a kiosk to the page saying its token
/// was revoked).
/// </summary>
public sealed class RevalidatingStateProvider(ILoggerFactory loggerFactory, PrincipalValidity validity, IOptions<SecurityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval =>
        options.Value.RevalidationInterval > TimeSpan.Zero ? options.Value.RevalidationInterval : TimeSpan.FromSeconds(5);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) =>
        await validity.ProblemAsync(state.User, ct) is null;
}
