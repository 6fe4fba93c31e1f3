using CommandCenter.Core.Events;
using CommandCenter.Web.Live;

namespace CommandCenter.Web.Dispatches;

/// <summary>
/// Tells a page when one of its own appended commands was refused as the live tail applied it: its trial passed, but
/// another command that the log put first (another operator's) took the same team. The tail may get there before the
/// append has returned the event id, so recent console rejections are remembered for a short while too.
/// </summary>
public sealed class RejectionWatch<TContext> : IDisposable
{
    private const int Remembered = 64;

    private readonly LiveState _live;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TContext> _tracked = [];
    private readonly Dictionary<string, string> _unclaimed = [];
    private readonly Queue<string> _unclaimedOrder = new();

    public RejectionWatch(LiveState live)
    {
        _live = live;
        live.Rejected += OnRejected;
    }

    /// <summary>Raised (on the tail's thread, or the caller's) with the event id, the reducer's reason and the context.</summary>
    public event Action<string, string, TContext>? Lost;

    /// <summary>Watches for <paramref name="eventId"/> being rejected; reports at once if it already was.</summary>
    public void Track(string eventId, TContext context)
    {
        string? reason;
        lock (_gate)
        {
            if (!_unclaimed.Remove(eventId, out reason))
            {
                if (_tracked.Count >= Remembered)
                    _tracked.Remove(_tracked.Keys.First());
                _tracked[eventId] = context;
                return;
            }
        }
        Lost?.Invoke(eventId, reason, context);
    }

    /// <summary>Stops watching an event that was applied.</summary>
    public void Forget(string eventId)
    {
        lock (_gate) _tracked.Remove(eventId);
    }

    private void OnRejected(EventEnvelope envelope, string reason)
    {
        if (envelope.Source != ActorRoles.ConsoleSource) return;
        TContext? context;
        lock (_gate)
        {
            if (!_tracked.Remove(envelope.Id, out context))
            {
                _unclaimed[envelope.Id] = reason;
                _unclaimedOrder.Enqueue(envelope.Id);
                while (_unclaimedOrder.Count > Remembered)
                    _unclaimed.Remove(_unclaimedOrder.Dequeue());
                return;
            }
        }
        Lost?.Invoke(envelope.Id, reason, context);
    }

    public void Dispose() => _live.Rejected -= OnRejected;
}
