namespace CommandCenter.Web.Live;

/// <summary>A subscription to a live source: disposing it unsubscribes (once, from any thread).</summary>
public sealed class Subscription(Action unsubscribe) : IDisposable
{
    private Action? _unsubscribe = unsubscribe;

    public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
}
