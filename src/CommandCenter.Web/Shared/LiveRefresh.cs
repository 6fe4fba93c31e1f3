using CommandCenter.Web.Live;

namespace CommandCenter.Web.Shared;

/// <summary>
/// Re-renders a console page while it is open: when the live state moves (coalesced, at most one render per
/// <see cref="Throttle"/>, however fast events come) and, for pages with running timers, once a second. Create it only
/// in an interactive circuit and dispose it with the page: that stops both the subscription and the timers.
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    public static readonly TimeSpan Throttle = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly LiveState _live;
    private readonly Func<Task> _render;
    private readonly ITimer _coalesce;
    private readonly ITimer? _ticker;
    private int _scheduled;
    private volatile bool _disposed;

    public LiveRefresh(LiveState live, TimeProvider time, Func<Task> render, bool tickEverySecond)
    {
        _live = live;
        _render = render;
        _coalesce = time.CreateTimer(_ => { Volatile.Write(ref _scheduled, 0); Fire(); }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (tickEverySecond)
            _ticker = time.CreateTimer(_ => Fire(), null, Tick, Tick);
        live.Changed += OnChanged;
    }

    /// <summary>On the tail's thread: only arms the one-shot timer, once per window.</summary>
    private void OnChanged()
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 0 && !_disposed)
            _coalesce.Change(Throttle, Timeout.InfiniteTimeSpan);
    }

    private void Fire()
    {
        if (!_disposed) _ = RenderAsync();
    }

    private async Task RenderAsync()
    {
        try
        {
            await _render();
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between the notice and the render.
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _live.Changed -= OnChanged;
        _coalesce.Dispose();
        _ticker?.Dispose();
    }
}
