using CommandCenter.Core.Events;

namespace CommandCenter.Web.Live;

/// <summary>
/// The one way to follow <see cref="LiveState"/>: each subscription returns an <see cref="IDisposable"/> that ends it,
/// so a follower cannot forget which event it joined. Handlers run on the tail's thread and must be quick (mark dirty,
/// enqueue, hand off); components follow through <see cref="LiveComponent"/>, which does that for them.
/// </summary>
public static class LiveEvents
{
    /// <summary>Told after each new snapshot (<see cref="LiveState.Changed"/>).</summary>
    public static IDisposable Subscribe(this LiveState live, Action changed)
    {
        live.Changed += changed;
        return new Subscription(() => live.Changed -= changed);
    }

    /// <summary>Told each batch's applied envelopes, oldest first (<see cref="LiveState.Applied"/>).</summary>
    public static IDisposable SubscribeApplied(this LiveState live, Action<IReadOnlyList<EventEnvelope>> applied)
    {
        live.Applied += applied;
        return new Subscription(() => live.Applied -= applied);
    }

    /// <summary>Told each envelope the reducer refused on the tail, with its reason (<see cref="LiveState.Rejected"/>).</summary>
    public static IDisposable SubscribeRejected(this LiveState live, Action<EventEnvelope, string> rejected)
    {
        live.Rejected += rejected;
        return new Subscription(() => live.Rejected -= rejected);
    }
}
