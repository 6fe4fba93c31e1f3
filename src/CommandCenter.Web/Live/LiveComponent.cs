using System.Security.Claims;
using CommandCenter.Core.Events;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CommandCenter.Web.Live;

/// <summary>
/// The base of every page that follows live state (docs/architecture.md, "From the log to the DOM"). It owns the three
/// things each page used to do its own way:
/// <list type="bullet">
/// <item>the interactive check: it follows its sources only in an interactive circuit; prerendering and static
/// rendering render once, from the snapshot of that moment;</item>
/// <item>throttling: however fast its sources change, it renders at most once per <see cref="RenderInterval"/> (about
/// ten times a second, the rendering budget of docs/architecture.md); the first change after a quiet spell renders at
/// once, later ones in the same window are coalesced into one render at its end;</item>
/// <item>disposal: every subscription and timer ends with the component, and a render that races the circuit's end is
/// dropped.</item>
/// </list>
/// It also knows the signed-in person (<see cref="User"/>, and <see cref="Actor"/> for the permission table) before
/// the first render. By default it follows <see cref="LiveState"/>; a page that follows something else overrides
/// <see cref="Subscribe"/>.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    /// <summary>The shortest gap between two live renders: about ten renders a second.</summary>
    public static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly List<IDisposable> _owned = [];
    private ITimer? _trailing;
    private long _lastRenderTicks = long.MinValue / 2;
    private bool _renderScheduled;
    private bool _initialized;
    private volatile bool _disposed;

    [Inject] protected LiveState Live { get; set; } = null!;
    [Inject] protected TimeProvider Time { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    protected ClaimsPrincipal User { get; private set; } = new();

    /// <summary>The signed-in person as the permission table sees them; null for a kiosk token or a stranger.</summary>
    protected Actor? Actor { get; private set; }

    protected DateTimeOffset Now => Time.GetUtcNow();

    /// <summary><c>connected</c> in an interactive circuit (the page follows live state), else <c>pending</c>: what the
    /// pages put in <c>data-circuit</c>, which browser tests wait for before they change anything.</summary>
    protected string Circuit => RendererInfo.IsInteractive ? "connected" : "pending";

    /// <summary>How many live renders ran (for tests and diagnostics).</summary>
    public int LiveRenderCount { get; private set; }

    /// <summary>The sources this component follows; each is told to call <paramref name="changed"/> (from any thread).</summary>
    protected virtual IEnumerable<IDisposable> Subscribe(Action changed) => [Live.Subscribe(changed)];

    /// <summary>
    /// The shortest gap between two live renders of this component: <see cref="RenderInterval"/>, unless every source it
    /// follows is coalesced already (the shared wall feed rebuilds at most every <see cref="RenderInterval"/>). There a
    /// second throttle adds nothing but delay: the feed's publishes drift by its build times, and a publish that comes a
    /// few milliseconds "early" would wait out the rest of an interval here.
    /// </summary>
    protected virtual TimeSpan MinimumRenderGap => RenderInterval;

    /// <summary>A steady re-render for clocks and countdowns (through the same throttle), or null for none.</summary>
    protected virtual TimeSpan? TickInterval => null;

    /// <summary>Runs on the renderer's thread just before each live render (not before renders the page asks for itself).</summary>
    protected virtual void OnLiveChanged()
    {
    }

    /// <summary>Runs once the person is known, before the first render.</summary>
    protected virtual Task OnUserKnownAsync() => Task.CompletedTask;

    /// <summary>Asks for a live render, throttled like any change: for a page's own timers and sources.</summary>
    protected void RequestRender() => OnChange();

    /// <summary>Disposes <paramref name="resource"/> with the component (a page's own timer, say).</summary>
    protected T Own<T>(T resource) where T : IDisposable
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _owned.Add(resource);
                return resource;
            }
        }
        resource.Dispose();
        return resource;
    }

    public override Task SetParametersAsync(ParameterView parameters)
    {
        // The parameter view is valid only until the first await: take the values now, run the lifecycle after.
        parameters.SetParameterProperties(this);
        return _initialized ? base.SetParametersAsync(ParameterView.Empty) : InitializeAsync();
    }

    private async Task InitializeAsync()
    {
        _initialized = true;
        if (Authentication is not null)
        {
            User = (await Authentication).User;
            Actor = User.ToActor();
        }
        await OnUserKnownAsync();
        if (RendererInfo.IsInteractive)
        {
            foreach (var subscription in Subscribe(OnChange))
                Own(subscription);
            if (TickInterval is { } tick)
                Own(Time.CreateTimer(_ => OnChange(), null, tick, tick));
        }
        await base.SetParametersAsync(ParameterView.Empty);
    }

    /// <summary>On any thread: renders now if the last live render is at least an interval old, else once at its end.</summary>
    private void OnChange()
    {
        lock (_gate)
        {
            if (_disposed || _renderScheduled) return;
            _renderScheduled = true;
            var wait = TimeSpan.FromTicks(_lastRenderTicks + MinimumRenderGap.Ticks - Time.GetUtcNow().UtcTicks);
            if (wait > TimeSpan.Zero)
            {
                _trailing ??= Time.CreateTimer(_ => Render(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _trailing.Change(wait, Timeout.InfiniteTimeSpan);
                return;
            }
        }
        Render();
    }

    private void Render()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _renderScheduled = false;
            _lastRenderTicks = Time.GetUtcNow().UtcTicks;
        }
        _ = RenderAsync();
    }

    private async Task RenderAsync()
    {
        try
        {
            await InvokeAsync(() =>
            {
                if (_disposed) return;
                LiveRenderCount++;
                OnLiveChanged();
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between the change and the render.
        }
    }

    public void Dispose()
    {
        List<IDisposable> owned;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            owned = [.. _owned];
            _owned.Clear();
        }
        foreach (var resource in owned)
            resource.Dispose();
        _trailing?.Dispose();
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>A page's own clean-up, after its subscriptions have ended.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
