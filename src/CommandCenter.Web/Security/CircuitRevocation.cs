using CommandCenter.Web.Kiosk;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CommandCenter.Web.Security;

/// <summary>
/// One per circuit: when the circuit's principal stops being valid (<see cref="RevalidatingStateProvider"/> found its
/// kiosk token revoked, its account signed out everywhere or locked), the browser leaves the circuit with a full page
/// load — a person to sign-in (coming back to the same page after), a kiosk screen to the page that says its token was
/// revoked — so the circuit ends and renders nothing more. Should a browser not go, the hub connection behind the
/// circuit is closed anyway (<see cref="OpenConnections"/>).
/// </summary>
public sealed class CircuitRevocation(AuthenticationStateProvider authentication, NavigationManager navigation, ILogger<CircuitRevocation> logger)
    : CircuitHandler, IDisposable
{
    private bool _kiosk;
    private bool _subscribed;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _kiosk = (await authentication.GetAuthenticationStateAsync()).User.IsKiosk();
        authentication.AuthenticationStateChanged += OnChanged;
        _subscribed = true;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    private async void OnChanged(Task<AuthenticationState> changed)
    {
        try
        {
            if ((await changed).User.Identity?.IsAuthenticated == true)
                return;
            var here = "/" + navigation.ToBaseRelativePath(navigation.Uri);
            navigation.NavigateTo(_kiosk ? KioskRevoked.Path : $"/signin?returnUrl={Uri.EscapeDataString(here)}", forceLoad: true, replace: true);
        }
        catch (Exception ex)
        {
            // The circuit may be going away already; its connection is closed by the revalidation anyway.
            logger.LogDebug(ex, "Could not send a revoked circuit's browser away");
        }
    }

    public void Dispose()
    {
        if (!_subscribed) return;
        _subscribed = false;
        authentication.AuthenticationStateChanged -= OnChanged;
    }
}
