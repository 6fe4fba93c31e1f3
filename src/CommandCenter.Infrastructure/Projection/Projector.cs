using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace CommandCenter.Infrastructure.Projection;

/// <summary>
/// Reads the log through the consumer group <see cref="Group"/>, runs the reducer and commits each batch in one
/// fenced transaction (<see cref="ProjectionWriter"/>), then acknowledges it (docs/architecture.md). At-least-once delivery
/// becomes exactly-once effect: entries at or below the committed checkpoint are acknowledged without being applied
/// again, and the reducer's idempotency window (part of the stored snapshot) drops re-sent envelope ids.
/// <para>
/// Every log position gets one history row. An entry that cannot be parsed is dead-lettered with the parser's
/// reason. Redelivered entries (after a crash) come back in windows that shrink with their delivery count, so an
/// entry that keeps killing the process is soon handed out alone; it is dead-lettered only once it has failed
/// <see cref="ProjectorOptions.MaxDeliveries"/> times alone, and a <c>log.dead-lettered</c> notice is appended so
/// that every live state drops it too (docs/decisions/0009). Valid entries that merely shared its batch are committed.
/// </para>
/// One instance is driven by one loop (<see cref="ProjectorService"/>); <see cref="State"/> may be read from any thread.
/// </summary>
public sealed class Projector(
    IEventLog log,
    ProjectionStore store,
    ProjectionWriter writer,
    EnvelopeParser parser,
    DistrictReducer reducer,
    IOptions<ProjectorOptions> options,
    ProjectorStatus status,
    TimeProvider time,
    ILogger<Projector> logger,
    IProjectorFaults? faults = null)
{
    public const string Group = "projector";

    private readonly ProjectorOptions _options = options.Value;
    private readonly IProjectorFaults _faults = faults ?? IProjectorFaults.None;
    private readonly ResiliencePipeline _commitRetry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not (OperationCanceledException or FencedOffException or SimulatedCrashException)),
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(20),
            UseJitter = true,
            OnRetry = args =>
            {
                logger.LogWarning(args.Outcome.Exception, "Projection commit failed (attempt {Attempt}); reloading state and retrying", args.AttemptNumber + 1);
                return default;
            },
        })
        .Build();

    private View _view = new(DistrictState.Empty, LogPosition.Start, ProjectionCounters.Zero, 0, null);
    private IReadOnlyList<LogEntry>? _inFlight;
    private bool _inFlightAlone;
    private readonly HashSet<LogPosition> _deadLetteredInFlight = [];
    private long _fence;
    private bool _initialized;
    private bool _needsReload;
    private bool _drainPending;
    private DateTimeOffset _nextStaleCheck;
    private long _snapshotSeq = -1;
    private DateOnly? _snapshotDay;
    private Task _snapshotting = Task.CompletedTask;
    private Task _thinning = Task.CompletedTask;

    /// <summary>The state as of the last commit.</summary>
    public DistrictState State => Volatile.Read(ref _view).State;

    /// <summary>The last log position committed.</summary>
    public LogPosition Checkpoint => Volatile.Read(ref _view).Checkpoint;

    public ProjectionCounters Counters => Volatile.Read(ref _view).Counters;

    /// <summary>
    /// True once a read of the log came back short of a full batch, with no earlier entries pending: the state is as
    /// current as the log. False while it works through a backlog (a first start on a long log, a catch-up after an
    /// outage), when items open in the state may be closed further down the log.
    /// </summary>
    public bool IsCaughtUp => Volatile.Read(ref _caughtUp);

    private bool _caughtUp;

    /// <summary>The fencing token this projector commits under (0 before it has initialized).</summary>
    public long Fence => _fence;

    public string Consumer => _options.ConsumerName;

    /// <summary>
    /// (Re)starts from the database as the new leader: takes the fence (after which a deposed leader's commits fail),
    /// loads the committed state and arranges for every entry still pending in the group to be taken over first,
    /// whoever it was delivered to, so the log is applied in order after a crash. Call on gaining the lease.
    /// </summary>
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        _initialized = false;
        await log.EnsureGroupAsync(Group, ct);
        _fence = await writer.ClaimFenceAsync(ct);
        await ReloadAsync(ct);
        _snapshotSeq = await store.LatestSnapshotSeqAsync(ct) ?? -1;
        _inFlight = null;
        _deadLetteredInFlight.Clear();
        _drainPending = true;
        _initialized = true;
    }

    /// <summary>Projects at most one batch; returns how many entries it handled (0 when there was nothing to do). Never waits for entries.</summary>
    /// <exception cref="FencedOffException">Another projector took over: stop projecting and give up the lease.</exception>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        if (!_initialized)
            await InitializeAsync(ct);

        var batch = _inFlight ?? await InLogOrderAsync(await NextBatchAsync(ct), ct);
        Volatile.Write(ref _caughtUp, _inFlight is null && !_drainPending && batch.Count < _options.BatchSize);
        if (batch.Count == 0)
            return 0;

        // Kept until acknowledged: a batch that fails is retried as is, so nothing newer is applied before it.
        _inFlight = batch;
        try
        {
            await _commitRetry.ExecuteAsync(static async (self, ct) => await self.ProjectAsync(self._inFlight!, ct), this, ct);
        }
        catch (FencedOffException)
        {
            _initialized = false;
            throw;
        }
        catch
        {
            _needsReload = true;
            throw;
        }

        await log.AcknowledgeAsync(Group, [.. batch.Select(e => e.Position)], ct);
        _inFlight = null;
        _deadLetteredInFlight.Clear();
        return batch.Count;
    }

    /// <summary>Waits for a snapshot being written in the background (tests and shutdown).</summary>
    public Task SnapshotWrittenAsync() => Task.WhenAll(_snapshotting, _thinning);

    private async Task<IReadOnlyList<LogEntry>> NextBatchAsync(CancellationToken ct)
    {
        if (_drainPending || time.GetUtcNow() >= _nextStaleCheck)
        {
            // Pending entries first, in log order: after a crash (ours or a previous leader's), or committed entries
            // whose acknowledgement was lost. The window shrinks with how often the first one was handed out already.
            var minIdle = _drainPending ? TimeSpan.Zero : _options.ClaimIdle;
            while ((await log.PendingAsync(Group, 1, ct)) is [var first] && first.Idle >= minIdle)
            {
                if (await RewoundBehindAsync(first, ct))
                    break;
                var window = _options.RedeliveryWindow(first.DeliveryCount);
                var claimed = await log.ClaimStaleAsync(Group, Consumer, minIdle, window, ct);
                if (claimed.Count == 0)
                    continue; // the pending entries were trimmed from the log meanwhile and have been dropped
                _inFlightAlone = window == 1;
                return claimed;
            }
            _drainPending = false;
            _nextStaleCheck = time.GetUtcNow() + _options.ClaimIdle;
        }
        _inFlightAlone = false;
        var fresh = await log.ReadGroupAsync(Group, Consumer, _options.BatchSize, ct);
        // Nothing new, yet entries handed out and not acknowledged: another consumer's, since this one acknowledges each
        // batch it commits — a deposed leader's last read on a quiet log, say. Claimed now, not after ClaimIdle, and
        // the state is not caught up until they are projected.
        if (fresh.Count == 0 && await log.PendingAsync(Group, 1, ct) is [_])
            _drainPending = true;
        return fresh;
    }

    /// <summary>
    /// The batch if its first entry after the checkpoint is the log's next entry; otherwise the log's own entries from the
    /// checkpoint on, in order. The group hands each entry to one consumer only, so an entry delivered elsewhere — to a
    /// deposed leader that read once more when it resumed from a freeze, before it noticed its lease was gone — would
    /// be skipped for good once the checkpoint moved past it. Committing the re-read entries acknowledges them whoever
    /// holds them; the drain that follows claims what this consumer was handed meanwhile (already projected, so skipped).
    /// Costs one single-entry range read per batch.
    /// </summary>
    private async Task<IReadOnlyList<LogEntry>> InLogOrderAsync(IReadOnlyList<LogEntry> batch, CancellationToken ct)
    {
        if (_needsReload)
            await ReloadAsync(ct);
        var checkpoint = Checkpoint;
        if (batch.FirstOrDefault(e => e.Position > checkpoint) is not { } first
            || await log.ReadAfterAsync(checkpoint, 1, ct) is not [var next] || next.Position >= first.Position)
            return batch;
        logger.LogWarning("Log entries after the checkpoint {Checkpoint} were delivered to another consumer (next entry {Next}, batch from {First}): reading the log in order instead",
            checkpoint, next.Position, first.Position);
        _drainPending = true;
        _inFlightAlone = false;
        return await log.ReadAfterAsync(checkpoint, _options.BatchSize, ct);
    }

    /// <summary>
    /// True when the log holds an entry after the checkpoint that comes before the first pending one: the group was
    /// rewound behind its pending entries (deploy/restore.sh after a restore, an operator's XGROUP SETID). Claiming the
    /// pending ones first would move the checkpoint past entries never projected, and the skip of positions at or before
    /// the checkpoint would then drop them; reading new entries instead re-delivers everything in log order.
    /// </summary>
    private async Task<bool> RewoundBehindAsync(PendingEntry first, CancellationToken ct)
    {
        if (first.Position <= Checkpoint || await log.ReadAfterAsync(Checkpoint, 1, ct) is not [var next] || next.Position >= first.Position)
            return false;
        logger.LogWarning("The consumer group was rewound behind its pending entries (next entry {Next}, first pending {Pending}): reading in log order instead of claiming",
            next.Position, first.Position);
        return true;
    }

    private async Task ProjectAsync(IReadOnlyList<LogEntry> batch, CancellationToken ct)
    {
        if (_needsReload)
            await ReloadAsync(ct);

        var view = Volatile.Read(ref _view);
        var state = view.State;
        var checkpoint = view.Checkpoint;
        var maxOccurred = view.MaxOccurredAt;
        var changed = new ChangedEntities();
        var history = new List<HistoryRow>(batch.Count);
        var deadLetters = new List<(LogEntry Entry, string Reason, EventEnvelope? Envelope)>();
        var reduced = new List<LogEntry>(batch.Count);
        long applied = 0, rejected = 0, duplicates = 0, markers = 0;
        string? lastAppliedId = null;

        foreach (var entry in batch)
        {
            if (entry.Position <= checkpoint)
                continue; // committed before a crash that came ahead of its acknowledgement
            checkpoint = entry.Position;

            var parsed = parser.Parse(entry);
            var failedAlone = _inFlightAlone ? _options.FailuresAlone(entry.DeliveryCount) : 0;
            var reason = failedAlone >= _options.MaxDeliveries
                ? $"failed alone: the projector stopped each of the {failedAlone} times it was handed this entry alone (delivered {entry.DeliveryCount} times)"
                : parsed.Error ?? WrongStreet(writer.Stream, parsed.Envelope!);
            if (reason is not null)
            {
                deadLetters.Add((entry, reason, parsed.Envelope));
                history.Add(HistoryRows.DeadLettered(entry, reason));
                continue;
            }

            var envelope = parsed.Envelope!;
            reduced.Add(entry);
            var reduction = reducer.Apply(state, envelope);
            // The log's own notices are timed when the pipeline wrote them; a replay picks snapshots by district time.
            if (reduction.Outcome != OutcomeKind.Notice && (maxOccurred is null || envelope.OccurredAt > maxOccurred))
                maxOccurred = envelope.OccurredAt;
            state = reduction.State;
            changed.Record(reduction);
            history.Add(HistoryRows.Reduced(entry, reduction));
            switch (reduction.Outcome)
            {
                case OutcomeKind.Applied: applied++; lastAppliedId = envelope.Id; break;
                case OutcomeKind.Rejected: rejected++; break;
                case OutcomeKind.Notice: markers++; break;
                default: duplicates++; break;
            }
        }

        if (checkpoint == view.Checkpoint)
            return;

        // Before the commit: a crash in between re-sends the entry, at worst dead-lettering it twice, never losing it.
        foreach (var (entry, reason, envelope) in deadLetters)
        {
            if (!_deadLetteredInFlight.Add(entry.Position))
                continue;
            await log.DeadLetterAsync(entry, reason, ct);
            if (envelope is not null)
                await log.AppendAsync([DeadLetterNotice.For(entry, envelope, reason, time.GetUtcNow(), writer.Stream.Street)], ct);
            logger.LogWarning("Dead-lettered log entry {Position}: {Reason}", entry.Position, reason);
        }

        _faults.BeforeCommit(reduced);
        var delta = new ProjectionCounters(applied, rejected, duplicates, deadLetters.Count, markers);
        var lastSeq = await writer.CommitAsync(new ProjectedBatch(state, changed, history, delta, view.Checkpoint, checkpoint, _fence), ct);

        var next = new View(state, checkpoint, view.Counters.Add(delta), lastSeq, maxOccurred);
        Volatile.Write(ref _view, next);
        var now = time.GetUtcNow();
        status.Update(s => s with
        {
            AppliedCount = next.Counters.Applied,
            RejectedCount = next.Counters.Rejected,
            DuplicateCount = next.Counters.Duplicates,
            DeadLettered = next.Counters.DeadLettered,
            LastAppliedId = lastAppliedId ?? s.LastAppliedId,
            Checkpoint = checkpoint,
            LastCommitAt = now,
            LastError = null,
        });
        MaybeSnapshot(next);
    }

    /// <summary>
    /// Every <see cref="ProjectorOptions.SnapshotEvery"/> history rows, and at the first commit of each new day (so a
    /// replay of any past moment starts from that day's snapshot), the state is stored beside the commit, in the background.
    /// </summary>
    private void MaybeSnapshot(View view)
    {
        var day = view.MaxOccurredAt is { } max ? DistrictRollups.DayOf(max) : (DateOnly?)null;
        var due = view.HistorySeq - Math.Max(0, _snapshotSeq) >= _options.SnapshotEvery || (day is not null && day != _snapshotDay && _snapshotDay is not null);
        if (_snapshotDay is null)
            _snapshotDay = day;
        if (!_snapshotting.IsCompleted || !due)
            return;
        _snapshotSeq = view.HistorySeq;
        _snapshotDay = day;
        _snapshotting = Task.Run(async () =>
        {
            try
            {
                await store.SaveSnapshotAsync(view.State, view.HistorySeq, view.Checkpoint, view.MaxOccurredAt, _options.SnapshotsKept, time);
            }
            catch (Exception ex)
            {
                // A missing snapshot costs only a longer catch-up at the next start; the next commit tries again.
                logger.LogWarning(ex, "Could not store the state snapshot at history row {Seq}", view.HistorySeq);
                _snapshotSeq = -1;
            }
        });
    }

    private async Task ReloadAsync(CancellationToken ct)
    {
        var snapshot = await store.LoadProjectionAsync(ct);
        Volatile.Write(ref _view, new View(snapshot.State, snapshot.Checkpoint, snapshot.Counters, snapshot.HistorySeq, snapshot.MaxOccurredAt));
        _needsReload = false;
        status.Update(s => s with
        {
            AppliedCount = snapshot.Counters.Applied,
            RejectedCount = snapshot.Counters.Rejected,
            DuplicateCount = snapshot.Counters.Duplicates,
            DeadLettered = snapshot.Counters.DeadLettered,
            Checkpoint = snapshot.Checkpoint,
        });
        ThinReplaySnapshots();
    }

    /// <summary>
    /// On taking over, the day snapshots older than the newest kept lose their idempotency window in the background
    /// (docs/decisions/0017): a database written before replay snapshots existed is thinned without waiting for the
    /// next snapshot, which at a district's volume may be a day away.
    /// </summary>
    private void ThinReplaySnapshots()
    {
        // A task of its own: thinning old snapshots must never hold back the next snapshot falling due (it did, when they
        // shared one task: a start on a short log could finish its commits with no snapshot stored at all).
        if (!_thinning.IsCompleted)
            return;
        _thinning = Task.Run(async () =>
        {
            try
            {
                var started = time.GetTimestamp();
                if (await store.ThinReplaySnapshotsAsync(_options.SnapshotsKept) is > 0 and var thinned)
                    logger.LogInformation("Dropped the idempotency window from {Count} replay snapshots in {Seconds:F1} s", thinned,
                        time.GetElapsedTime(started).TotalSeconds);
            }
            catch (Exception ex)
            {
                // Thinning only saves space and replay time; the next stored snapshot tries again.
                logger.LogWarning(ex, "Could not thin the replay snapshots");
            }
        });
    }

    /// <summary>
    /// On a street's stream, an envelope of another street is refused before the reducer (docs/decisions/0014): applied,
    /// it would make this stream's projector write another stream's entity rows. Every reader of the stream decides the
    /// same from the entry alone; the right way in is the router, which appends by the envelope's street.
    /// </summary>
    internal static string? WrongStreet(ProjectionStream stream, EventEnvelope envelope) =>
        stream.Street is { } street && !string.Equals(envelope.Street, street, StringComparison.Ordinal)
            ? $"street '{envelope.Street}' does not belong on the {stream} (each street's events go to its own stream)"
            : null;

    private sealed record View(DistrictState State, LogPosition Checkpoint, ProjectionCounters Counters, long HistorySeq, DateTimeOffset? MaxOccurredAt);
}

/// <summary>How a log position becomes its history row.</summary>
internal static class HistoryRows
{
    public static HistoryRow Reduced(LogEntry entry, Reduction reduction) => Row(entry, Outcomes.Of(reduction.Outcome), reduction.Reason,
        reduction.Changed.IsEmpty ? "[]" : JsonSerializer.Serialize(reduction.Changed.Select(k => $"{k.Kind.ToString().ToLowerInvariant()}:{k.Id}")));

    /// <summary>The raw fields as far as they go (the dead-letter log keeps the whole entry).</summary>
    public static HistoryRow DeadLettered(LogEntry entry, string reason) => Row(entry, Outcomes.DeadLettered, reason, "[]");

    // The fields exactly as the producer wrote them (occurredAt's own precision and offset included), so that a
    // re-reduction of the history parses the very same envelope.
    private static HistoryRow Row(LogEntry entry, string outcome, string? reason, string entityIds) => new(
        entry.Position.ToString(),
        Field(entry, EnvelopeFields.Id, EnvelopeLimits.MaxShortText),
        Field(entry, EnvelopeFields.Type, EnvelopeLimits.MaxShortText),
        Field(entry, EnvelopeFields.Street, EnvelopeLimits.MaxShortText),
        Field(entry, EnvelopeFields.OccurredAt, EnvelopeLimits.MaxShortText),
        Field(entry, EnvelopeFields.Source, EnvelopeLimits.MaxShortText),
        outcome,
        reason,
        Field(entry, EnvelopeFields.Data, EnvelopeLimits.MaxDataBytes),
        entityIds);

    private static string Field(LogEntry entry, string name, int max) =>
        entry.Fields.TryGetValue(name, out var value) && value is not null
            ? value.Length <= max ? value : value[..(char.IsHighSurrogate(value[max - 1]) ? max - 1 : max)]
            : "";
}
