using System.Collections.Immutable;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Projection;
using CommandCenter.Core.Reducing;

namespace CommandCenter.Web.Live;

/// <summary>
/// This instance's live view of the district (DESIGN §3): hydrated from the database snapshot and its checkpoint,
/// then kept current by applying the log's tail with the same reducer as the projector. Each batch publishes a new
/// immutable <see cref="LiveSnapshot"/>; readers take <see cref="Current"/> and never lock.
/// </summary>
public sealed class LiveState(
    IEventLog log,
    IStateSnapshotSource snapshots,
    EnvelopeParser parser,
    DistrictReducer reducer,
    TimeProvider time,
    ILogger<LiveState> logger)
{
    public const int BatchSize = 1000;
    private static readonly TimeSpan IdleDelayMin = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan IdleDelayMax = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ErrorDelayMin = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ErrorDelayMax = TimeSpan.FromSeconds(2);

    private volatile LiveSnapshot _current = LiveSnapshot.Empty;
    private volatile string? _lastError;

    public LiveSnapshot Current => _current;

    /// <summary>The last failure to load or read, in plain words; null once reading works again.</summary>
    public string? LastError => _lastError;

    /// <summary>Raised after each new snapshot, on the tail's thread: handlers must be quick (mark dirty, no rendering).</summary>
    public event Action? Changed;

    /// <summary>
    /// The envelopes each batch applied, oldest first, raised on the tail's thread before <see cref="Changed"/>:
    /// every applied event, not only the ticker's latest 50 (the live hub forwards them). Handlers must only enqueue.
    /// </summary>
    public event Action<IReadOnlyList<EventEnvelope>>? Applied;

    /// <summary>
    /// An envelope the reducer refused as the tail applied it, with the reason, raised on the tail's thread before
    /// <see cref="Applied"/>. A console's command passes its trial against live state, yet loses when another command
    /// that came first in the log took the same team or item: its page listens for its own event id here.
    /// Handlers must only enqueue. Duplicates (a re-read copy) are not rejections and are not raised.
    /// </summary>
    public event Action<EventEnvelope, string>? Rejected;

    /// <summary>How far the screens trail the producers: now minus the occurrence time of the last applied event.</summary>
    public TimeSpan? TailLag => _current.LastOccurredAt is { } occurred ? time.GetUtcNow() - occurred : null;

    /// <summary>Time since a read last returned entries (or since hydration).</summary>
    public TimeSpan? SinceLastReceived => _current.LastReceivedAt is { } received ? time.GetUtcNow() - received : null;

    /// <summary>Loads the snapshot, then follows the tail until stopped; every failure is logged and retried.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await RetryUntilDoneAsync(HydrateAsync, "load the state snapshot", ct);

        var idleDelay = IdleDelayMin;
        while (!ct.IsCancellationRequested)
        {
            var read = 0;
            await RetryUntilDoneAsync(async token => read = await PollOnceAsync(token), "read the event log", ct);
            if (read > 0)
            {
                idleDelay = IdleDelayMin;
                continue;
            }
            await DelayAsync(idleDelay, ct);
            idleDelay = Min(idleDelay * 2, IdleDelayMax);
        }
    }

    internal async Task HydrateAsync(CancellationToken ct)
    {
        var snapshot = await snapshots.LoadAsync(ct);
        Publish(new LiveSnapshot(snapshot.State, snapshot.Checkpoint, LastEventId: null, LastOccurredAt: null,
            LastReceivedAt: time.GetUtcNow(), Recent: [], IsHydrated: true, _current.Version + 1));
    }

    /// <summary>Reads and applies one batch after the current position; returns how many entries it read.</summary>
    internal async Task<int> PollOnceAsync(CancellationToken ct)
    {
        var before = _current;
        var entries = await log.ReadAfterAsync(before.Position, BatchSize, ct);
        if (entries.Count == 0) return 0;

        var state = before.State;
        var applied = new List<EventEnvelope>(entries.Count);
        List<(EventEnvelope Envelope, string Reason)>? rejected = null;
        foreach (var entry in entries)
        {
            // Invalid entries are the projector's to dead-letter; here they are only passed over.
            var parsed = parser.Parse(entry.Fields);
            if (parsed.Envelope is not { } envelope) continue;
            var reduction = reducer.Apply(state, envelope);
            state = reduction.State;
            if (reduction.IsApplied) applied.Add(envelope);
            else if (reduction.Outcome == OutcomeKind.Rejected && Rejected is not null)
                (rejected ??= []).Add((envelope, reduction.Reason ?? "rejected"));
        }

        if (rejected is not null)
            NotifyRejected(rejected);
        if (applied.Count > 0)
            Notify(applied);

        var last = applied.Count > 0 ? applied[^1] : null;
        Publish(before with
        {
            State = state,
            Position = entries[^1].Position,
            LastEventId = last?.Id ?? before.LastEventId,
            LastOccurredAt = last?.OccurredAt ?? before.LastOccurredAt,
            LastReceivedAt = time.GetUtcNow(),
            Recent = applied.Count == 0 ? before.Recent : NewestFirst(applied, before.Recent),
            Version = before.Version + 1,
        });
        return entries.Count;
    }

    /// <summary>Replaces the snapshot and tells the listeners; also the seam tests use to drive screens.</summary>
    internal void Publish(LiveSnapshot snapshot)
    {
        _current = snapshot;
        InvokeEach(Changed, handler => ((Action)handler)());
    }

    private void Notify(List<EventEnvelope> applied) =>
        InvokeEach(Applied, handler => ((Action<IReadOnlyList<EventEnvelope>>)handler)(applied));

    private void NotifyRejected(List<(EventEnvelope Envelope, string Reason)> rejected) =>
        InvokeEach(Rejected, handler =>
        {
            foreach (var (envelope, reason) in rejected)
                ((Action<EventEnvelope, string>)handler)(envelope, reason);
        });

    /// <summary>Calls every listener; one that throws is logged and never stops the tail or the others.</summary>
    private void InvokeEach(Delegate? handlers, Action<Delegate> call)
    {
        if (handlers is null) return;
        foreach (var handler in handlers.GetInvocationList())
        {
            try { call(handler); }
            catch (Exception ex) { logger.LogError(ex, "A live-state listener failed"); }
        }
    }

    private static ImmutableArray<EventEnvelope> NewestFirst(List<EventEnvelope> appliedOldestFirst, ImmutableArray<EventEnvelope> previous)
    {
        var builder = ImmutableArray.CreateBuilder<EventEnvelope>(LiveSnapshot.RecentCapacity);
        for (var i = appliedOldestFirst.Count - 1; i >= 0 && builder.Count < LiveSnapshot.RecentCapacity; i--)
            builder.Add(appliedOldestFirst[i]);
        foreach (var envelope in previous)
        {
            if (builder.Count == LiveSnapshot.RecentCapacity) break;
            builder.Add(envelope);
        }
        return builder.DrainToImmutable();
    }

    private async Task RetryUntilDoneAsync(Func<CancellationToken, Task> step, string what, CancellationToken ct)
    {
        var delay = ErrorDelayMin;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                await step(ct);
                _lastError = null;
                return;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                _lastError = $"could not {what}: {ex.Message}";
                logger.LogWarning(ex, "Live state could not {What}; retrying in {Delay} ms", what, delay.TotalMilliseconds);
                await DelayAsync(delay, ct);
                delay = Min(delay * 2, ErrorDelayMax);
            }
        }
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken ct) => Task.Delay(delay, time, ct);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
