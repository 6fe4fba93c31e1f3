using System.Collections.Immutable;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Projection;
using CommandCenter.Core.Reducing;

namespace CommandCenter.Web.Live;

/// <summary>
/// This instance's live view of the district (docs/architecture.md): hydrated from the database snapshot and its checkpoint,
/// then kept current by applying the log's tail with the same reducer as the projector. Each batch publishes a new
/// immutable <see cref="LiveSnapshot"/>; readers take <see cref="Current"/> and never lock.
/// <para>
/// The screens never keep what the database will not hold: when the tail meets the projector's
/// <c>log.dead-lettered</c> notice for an entry it applied, it reloads the database's state once the database holds
/// that position, and re-applies the tail after it (docs/decisions/0009). Screens do not wait for that: everything
/// else is applied as it arrives.
/// </para>
/// With one stream per street (<paramref name="streets"/>, registered under <c>EventLog:Sharding = Street</c>) the
/// tail reads every street's stream and keeps each street's state apart (docs/decisions/0014); the screens see their union.
/// </summary>
public sealed class LiveState(
    IEventLog log,
    IStateSnapshotSource snapshots,
    EnvelopeParser parser,
    DistrictReducer reducer,
    TimeProvider time,
    ILogger<LiveState> logger,
    CommandCenter.Infrastructure.Redis.StreetStreamsTail? streets = null)
{
    public const int BatchSize = 1000;
    private static readonly TimeSpan IdleDelayMin = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan IdleDelayMax = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ErrorDelayMin = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ErrorDelayMax = TimeSpan.FromSeconds(2);

    private volatile LiveSnapshot _current = LiveSnapshot.Empty;
    private volatile string? _lastError;
    private volatile LiveFreshness _freshness = LiveFreshness.Unknown;
    private LogPosition? _resyncAt;
    private LogPosition _base = LogPosition.Start;

    public LiveSnapshot Current => _current;

    /// <summary>The last failure to load or read, in plain words; null once reading works again.</summary>
    public string? LastError => _lastError;

    /// <summary>When the tail last read the log successfully, and since when it has been behind: what "stale" is judged on.</summary>
    public LiveFreshness Freshness => _freshness;

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

    /// <summary>
    /// Loads the snapshot, then follows the tail until stopped; every failure is logged and retried. Stopping always
    /// ends it with <see cref="OperationCanceledException"/>, whether the token fires during a wait or between reads.
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await RetryUntilDoneAsync(HydrateAsync, "load the state snapshot", ct);

        var idleDelay = IdleDelayMin;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var read = 0;
            await RetryUntilDoneAsync(async token =>
            {
                await ResyncIfDueAsync(token);
                read = await PollOnceAsync(token);
            }, "read the event log", ct);
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
        var snapshot = streets is null ? await snapshots.LoadAsync(ct) : new StateSnapshot(await streets.HydrateAsync(ct), LogPosition.Start);
        _base = snapshot.Checkpoint;
        var now = time.GetUtcNow();
        _freshness = _freshness with { LastReadAt = now };
        Publish(new LiveSnapshot(snapshot.State, snapshot.Checkpoint, LastEventId: null, LastOccurredAt: null,
            LastReceivedAt: now, Recent: [], IsHydrated: true, _current.Version + 1));
    }

    /// <summary>Reads and applies one batch after the current position; returns how many entries it read.</summary>
    internal async Task<int> PollOnceAsync(CancellationToken ct)
    {
        if (streets is not null)
            return await PollStreetsAsync(streets, ct);
        var before = _current;
        var entries = await log.ReadAfterAsync(before.Position, BatchSize, ct);
        var now = time.GetUtcNow();
        // A full batch means more is waiting: the screens are behind until a read comes back short.
        _freshness = new LiveFreshness(now, entries.Count < BatchSize ? null : _freshness.BehindSince ?? now);
        if (entries.Count == 0) return 0;

        var state = before.State;
        var applied = new List<EventEnvelope>(entries.Count);
        List<(EventEnvelope Envelope, string Reason)>? rejected = null;
        foreach (var entry in entries)
        {
            // Invalid entries are the projector's to dead-letter; here they are only passed over (the parser is total
            // and deterministic, so both make the same call).
            var parsed = parser.Parse(entry);
            if (parsed.Envelope is not { } envelope) continue;
            var reduction = reducer.Apply(state, envelope);
            state = reduction.State;
            switch (reduction.Outcome)
            {
                case OutcomeKind.Applied:
                    applied.Add(envelope);
                    break;
                case OutcomeKind.Rejected when Rejected is not null:
                    (rejected ??= []).Add((envelope, reduction.Reason ?? "rejected"));
                    break;
                case OutcomeKind.Notice when envelope.Payload is LogDeadLettered notice && LogPosition.TryParse(notice.Position, out var dead)
                                             && dead > _base && (_resyncAt is null || dead > _resyncAt):
                    _resyncAt = dead; // we applied it (it lies after the database state we started from)
                    break;
            }
        }

        PublishBatch(before, state, entries[^1].Position, applied, rejected, now);
        return entries.Count;
    }

    /// <summary>One poll of every street's stream (docs/decisions/0014); the tail resynchronises a street on its own.</summary>
    private async Task<int> PollStreetsAsync(CommandCenter.Infrastructure.Redis.StreetStreamsTail tail, CancellationToken ct)
    {
        var before = _current;
        var read = await tail.PollAsync(BatchSize, ct);
        var now = time.GetUtcNow();
        _freshness = new LiveFreshness(now, read.Behind ? _freshness.BehindSince ?? now : null);
        if (read.Read == 0) return 0;
        PublishBatch(before, read.State, read.Position > before.Position ? read.Position : before.Position, [.. read.Applied],
            Rejected is null || read.Rejected.Count == 0 ? null : [.. read.Rejected], now);
        return read.Read;
    }

    private void PublishBatch(LiveSnapshot before, Core.State.DistrictState state, LogPosition position, List<EventEnvelope> applied,
        List<(EventEnvelope Envelope, string Reason)>? rejected, DateTimeOffset now)
    {
        if (rejected is not null)
            NotifyRejected(rejected);
        if (applied.Count > 0)
            Notify(applied);

        var last = applied.Count > 0 ? applied[^1] : null;
        Publish(before with
        {
            State = state,
            Position = position,
            LastEventId = last?.Id ?? before.LastEventId,
            LastOccurredAt = last?.OccurredAt ?? before.LastOccurredAt,
            LastReceivedAt = now,
            Recent = applied.Count == 0 ? before.Recent : NewestFirst(applied, before.Recent),
            Version = before.Version + 1,
        });
    }

    /// <summary>
    /// After a dead-letter notice: once the database holds the dead-lettered position, take its state (which never
    /// applied that entry) and re-apply the tail from its checkpoint up to where the screens already are.
    /// </summary>
    internal async Task ResyncIfDueAsync(CancellationToken ct)
    {
        if (_resyncAt is not { } target) return;
        if (await snapshots.CheckpointAsync(ct) < target) return; // the projector has not committed that position yet
        var stored = await snapshots.LoadAsync(ct);

        var current = _current;
        var state = stored.State;
        var position = stored.Checkpoint;
        while (position < current.Position)
        {
            var entries = await log.ReadAfterAsync(position, BatchSize, ct);
            if (entries.Count == 0) break;
            foreach (var entry in entries.TakeWhile(e => e.Position <= current.Position))
            {
                if (parser.Parse(entry).Envelope is { } envelope)
                    state = reducer.Apply(state, envelope).State;
                position = entry.Position;
            }
            if (entries[^1].Position >= current.Position) break;
        }
        _resyncAt = null;
        _base = stored.Checkpoint;
        logger.LogInformation("Live state resynchronised from the database at {Checkpoint} after a dead-lettered entry at {Position}", stored.Checkpoint, target);
        Publish(current with
        {
            State = state,
            Position = position > current.Position ? position : current.Position,
            Recent = [.. current.Recent.Where(e => state.Recent.Contains(e.Id))],
            Version = current.Version + 1,
        });
    }

    /// <summary>Replaces the snapshot and tells the listeners; also the seam tests use to drive screens.</summary>
    internal void Publish(LiveSnapshot snapshot)
    {
        _current = snapshot;
        if (snapshot.LastReceivedAt is { } received && (_freshness.LastReadAt is not { } read || received > read))
            _freshness = _freshness with { LastReadAt = received };
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

/// <summary>
/// How current the live state can be confirmed to be. "Stale" means the data cannot be confirmed current: the log has
/// not been read successfully for a while, or the tail has been behind (reading full batches) for a while — never
/// merely that no event arrived (a quiet district is current).
/// </summary>
/// <param name="LastReadAt">Server time of the last successful read of the log (even an empty one), or of hydration.</param>
/// <param name="BehindSince">Since when every read has come back full (more waiting); null when caught up.</param>
public sealed record LiveFreshness(DateTimeOffset? LastReadAt, DateTimeOffset? BehindSince)
{
    public static readonly LiveFreshness Unknown = new(null, null);

    public bool IsStale(DateTimeOffset now, TimeSpan after) =>
        LastReadAt is not { } read || now - read > after || BehindSince is { } behind && now - behind > after;
}
