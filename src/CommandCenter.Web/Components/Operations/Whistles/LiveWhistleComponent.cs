using System.Security.Claims;
using CommandCenter.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CommandCenter.Web.Components.Operations.Whistles;

/// <summary>
/// The whistle pages' live base: the signed-in user, the clock, and re-rendering when the live state moves — at most
/// five times a second however fast events come — and once a second for the countdowns. Only in an interactive
/// circuit; prerendering renders once.
/// </summary>
public abstract class LiveWhistleComponent : ComponentBase, IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);
    private const int TicksPerSecond = 5;

    private ITimer? _timer;
    private volatile bool _dirty;
    private int _ticks;
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
        {
            Live.Changed += MarkDirty;
            _timer = Time.CreateTimer(_ => OnTick(), null, Tick, Tick);
        }
        await OnUserKnownAsync();
    }

    /// <summary>Runs once <see cref="User"/> is known.</summary>
    protected virtual Task OnUserKnownAsync() => Task.CompletedTask;

    private void MarkDirty() => _dirty = true;

    private void OnTick()
    {
        var second = Interlocked.Increment(ref _ticks) % TicksPerSecond == 0;
        if (!_dirty && !second || _disposed) return;
        _dirty = false;
        _ = InvokeAsync(() =>
        {
            if (!_disposed) StateHasChanged();
        });
    }

    public virtual void Dispose()
    {
        _disposed = true;
        Live.Changed -= MarkDirty;
        _timer?.Dispose();
        GC.SuppressFinalize(this);
    }
}
