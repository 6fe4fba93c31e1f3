using System.Security.Claims;
using CommandCenter.Web.Live;
using CommandCenter.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CommandCenter.Web.Whistles;

/// <summary>
/// The whistle pages' live base: the signed-in user, the clock, and re-rendering through <see cref="LiveRefresh"/>
/// (when the live state moves, coalesced, and once a second for the countdowns). Only in an interactive circuit;
/// prerendering renders once.
/// </summary>
public abstract class LiveWhistleComponent : ComponentBase, IDisposable
{
    private LiveRefresh? _refresh;
    private bool _disposed;

    [Inject] protected LiveState Live { get; set; } = null!;
    [Inject] protected TimeProvider Time { get; set; } = null!;
    [CascadingParameter] protected Task<AuthenticationState>? Authentication { get; set; }

    protected ClaimsPrincipal User { get; private set; } = new();

    protected DateTimeOffset Now => Time.GetUtcNow();

    protected override async Task OnInitializedAsync()
    {
        if (Authentication is not null)
            User = (await Authentication).User;
        if (RendererInfo.IsInteractive)
            _refresh = new LiveRefresh(Live, Time, () => InvokeAsync(() => { if (!_disposed) StateHasChanged(); }), tickEverySecond: true);
        await OnUserKnownAsync();
    }

    /// <summary>Runs once <see cref="User"/> is known.</summary>
    protected virtual Task OnUserKnownAsync() => Task.CompletedTask;

    public virtual void Dispose()
    {
        _disposed = true;
        _refresh?.Dispose();
        GC.SuppressFinalize(this);
    }
}
