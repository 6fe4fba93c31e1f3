using CommandCenter.Core.Access;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using CommandCenter.Web.Live;

namespace CommandCenter.Web.Dispatches;

/// <summary>
/// Tells a page when one of its own appended commands was refused as the live tail applied it: its trial passed, but
/// another command that the log put first (another operator's) took the same team. The tail may get there before the
/// append has returned the event id, so recent console rejections are remembered for a short while too.
/// <para>
/// The refusal's code: <see cref="LiveState.Rejected"/> passes the reducer's words only, so the watch judges the refused
/// envelope again, with the same reducer, against the state published right after its batch, which holds whatever came
/// first and beat it (the reason stays the reducer's own). Should that state accept it after all (what beat it has
/// ended in the same batch), the code is <see cref="RejectionCode.None"/> and the screen says only that it was refused.
/// </para>
/// </summary>
public sealed class RejectionWatch<TContext> : IDisposable
{
    private const int Remembered = 64;

    private readonly LiveState _live;
    private readonly DistrictReducer _reducer;
    private readonly IDisposable[] _subscriptions;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TContext> _tracked = [];
    private readonly Dictionary<string, Refusal> _unclaimed = [];
    private readonly Queue<string> _unclaimedOrder = new();
    private readonly List<(EventEnvelope Envelope, string Reason)> _refused = [];

    public RejectionWatch(LiveState live, DistrictReducer reducer)
    {
        (_live, _reducer) = (live, reducer);
        _subscriptions = [live.SubscribeRejected(OnRejected), live.Subscribe(OnPublished)];
    }

    /// <summary>Raised (on the tail's thread, or the caller's) with the event id, the refusal and the context.</summary>
    public event Action<string, Refusal, TContext>? Lost;

    /// <summary>Watches for <paramref name="eventId"/> being rejected; reports at once if it already was.</summary>
    public void Track(string eventId, TContext context)
    {
        Refusal? refusal;
        lock (_gate)
        {
            if (!_unclaimed.Remove(eventId, out refusal))
            {
                if (_tracked.Count >= Remembered)
                    _tracked.Remove(_tracked.Keys.First());
                _tracked[eventId] = context;
                return;
            }
        }
        Lost?.Invoke(eventId, refusal, context);
    }

    /// <summary>Stops watching an event that was applied.</summary>
    public void Forget(string eventId)
    {
        lock (_gate) _tracked.Remove(eventId);
    }

    /// <summary>On the tail's thread, before the batch's state is published: only noted.</summary>
    private void OnRejected(EventEnvelope envelope, string reason)
    {
        if (envelope.Source != ActorRoles.ConsoleSource) return;
        lock (_gate) _refused.Add((envelope, reason));
    }

    /// <summary>On the tail's thread, once the batch's state is published: each refusal judged for its code, then told.</summary>
    private void OnPublished()
    {
        List<(EventEnvelope Envelope, string Reason)> refused;
        lock (_gate)
        {
            if (_refused.Count == 0) return;
            refused = [.. _refused];
            _refused.Clear();
        }
        var state = _live.Current.State;
        foreach (var (envelope, reason) in refused)
        {
            var refusal = new Refusal(CodeOf(state, envelope), reason);
            TContext? context;
            lock (_gate)
            {
                if (!_tracked.Remove(envelope.Id, out context))
                {
                    _unclaimed[envelope.Id] = refusal;
                    _unclaimedOrder.Enqueue(envelope.Id);
                    while (_unclaimedOrder.Count > Remembered)
                        _unclaimed.Remove(_unclaimedOrder.Dequeue());
                    continue;
                }
            }
            Lost?.Invoke(envelope.Id, refusal, context);
        }
    }

    /// <summary>The reducer's code for the envelope against <paramref name="state"/>, as if it had not been seen yet.</summary>
    private RejectionCode CodeOf(DistrictState state, EventEnvelope envelope) =>
        _reducer.Apply(state with { Recent = RecentIds.Empty }, envelope).Code;

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
            subscription.Dispose();
    }
}
