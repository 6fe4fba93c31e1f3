using CommandCenter.Core.Time;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Web.Live;

namespace CommandCenter.Web.Wall;

/// <summary>
/// Builds the one shared <see cref="WallView"/> that every wall circuit renders. Live-state changes only mark it
/// dirty; a timer rebuilds at most every <see cref="RebuildInterval"/>, so screens render at most ~10 times a
/// second however fast events arrive. A second timer moves the clock and re-judges staleness every second.
/// Circuits subscribe (<see cref="Subscribe"/>) and read <see cref="Current"/>; they never copy state. While nobody
/// subscribes nothing is rebuilt on the timers: a page that only reads (a prerender) gets a view brought up to date
/// at that read.
/// </summary>
public sealed class WallFeed(LiveState live, WallViewBuilder builder, TimeProvider time, ILogger<WallFeed> logger, ProjectionLagMonitor? lag = null)
    : IDisposable
{
    public static readonly TimeSpan RebuildInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan ClockInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly WallBuildCache _cache = new();
    private volatile WallView _current = WallView.Empty(DistrictClock.ToLocal(time.GetUtcNow()));
    private int _dirty;
    private long _builds;
    private ITimer? _rebuildTimer;
    private ITimer? _clockTimer;
    private IDisposable? _live;

    public WallView Current
    {
        get
        {
            if (Changed is null && (Volatile.Read(ref _dirty) == 1 || time.GetUtcNow() - _current.Now >= ClockInterval))
            {
                Interlocked.Exchange(ref _dirty, 0);
                Rebuild();
            }
            return _current;
        }
    }

    /// <summary>How many full views were built (for tests and diagnostics).</summary>
    public long BuildCount => Interlocked.Read(ref _builds);

    private event Action? Changed;

    /// <summary>Tells <paramref name="changed"/>, on a timer thread, each time <see cref="Current"/> changed; it must hand
    /// off to its renderer. Disposing the result ends it.</summary>
    public IDisposable Subscribe(Action changed)
    {
        var first = Changed is null;
        Changed += changed;
        if (first && Volatile.Read(ref _dirty) == 1)
            RebuildIfDirty(); // what changed while nobody watched
        return new Subscription(() => Changed -= changed);
    }

    public void Start()
    {
        lock (_gate)
        {
            if (_rebuildTimer is not null) return;
            _live = live.Subscribe(MarkDirty);
            // A first view at once, so a page prerendered right after start already shows the 13 streets.
            Rebuild();
            _rebuildTimer = time.CreateTimer(_ => RebuildIfDirty(), null, RebuildInterval, RebuildInterval);
            _clockTimer = time.CreateTimer(_ => Tick(), null, ClockInterval, ClockInterval);
        }
    }

    private void MarkDirty() => Volatile.Write(ref _dirty, 1);

    private void RebuildIfDirty()
    {
        // Nobody watching: keep the mark, build at the next read or subscription instead.
        if (Changed is null || Interlocked.Exchange(ref _dirty, 0) == 0) return;
        Rebuild();
    }

    private void Rebuild() =>
        Publish(() =>
        {
            Interlocked.Increment(ref _builds);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var built = builder.Build(live.Current, time.GetUtcNow(), _current.Version + 1, _cache, live.Freshness) with { DatabaseBehind = DatabaseBehind() };
            var view = WallViewReuse.KeepUnchanged(_current, built); // panels whose part is unchanged skip their render
            Metrics.CommandCenterMetrics.WallBuilt(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return view;
        });

    private void Tick()
    {
        if (Changed is not null) Publish(Ticked);
    }

    private WallView Ticked()
    {
        var now = time.GetUtcNow();
        var snapshot = live.Current;
        return _current with
        {
            Now = DistrictClock.ToLocal(now),
            DataAsOf = WallViewBuilder.AsOf(snapshot, live.Freshness),
            IsStale = WallViewBuilder.IsStale(snapshot, live.Freshness, now),
            DatabaseBehind = DatabaseBehind(),
            Version = _current.Version + 1,
        };
    }

    private TimeSpan? DatabaseBehind() => lag?.Current is { IsBehind: true } behind ? behind.Lag : null;

    private void Publish(Func<WallView> next)
    {
        try
        {
            lock (_gate) _current = next();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not build the wall view");
            return;
        }

        var handlers = Changed;
        if (handlers is null) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action>())
        {
            try { handler(); }
            catch (Exception ex) { logger.LogError(ex, "A wall-view listener failed"); }
        }
    }

    public void Dispose()
    {
        _live?.Dispose();
        _rebuildTimer?.Dispose();
        _clockTimer?.Dispose();
    }
}

/// <summary>Starts the feed's timers with the app.</summary>
internal sealed class WallFeedStarter(WallFeed feed) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        feed.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
