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
/// transaction (<see cref="ProjectionWriter"/>), then acknowledges it (DESIGN §3). At-least-once delivery becomes
/// exactly-once effect: entries at or below the committed checkpoint are acknowledged without being applied again,
/// and the reducer drops re-sent envelope ids. Poison entries (unparseable, or handed out more than
/// <see cref="ProjectorOptions.MaxDeliveries"/> times) go to the dead-letter log with the reason.
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
    ILogger<Projector> logger)
{
    public const string Group = "projector";

    private readonly ProjectorOptions _options = options.Value;
    private readonly ResiliencePipeline _commitRetry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
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

    private View _view = new(DistrictState.Empty, LogPosition.Start, ProjectionCounters.Zero);
    private IReadOnlyList<LogEntry>? _inFlight;
    private readonly HashSet<LogPosition> _deadLetteredInFlight = [];
    private bool _initialized;
    private bool _needsReload;
    private bool _drainPending;
    private DateTimeOffset _nextStaleCheck;

    /// <summary>The state as of the last commit.</summary>
    public DistrictState State => Volatile.Read(ref _view).State;

    /// <summary>The last log position committed.</summary>
    public LogPosition Checkpoint => Volatile.Read(ref _view).Checkpoint;

    public ProjectionCounters Counters => Volatile.Read(ref _view).Counters;

    public string Consumer => _options.ConsumerName;

    /// <summary>
    /// (Re)starts from the database: loads the committed state and arranges for every entry still pending in the
    /// group to be taken over first, whoever it was delivered to, so the log is applied in order after a crash.
    /// Call on gaining the lease.
    /// </summary>
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await log.EnsureGroupAsync(Group, ct);
        await ReloadAsync(ct);
        _inFlight = null;
        _deadLetteredInFlight.Clear();
        _drainPending = true;
        _initialized = true;
    }

    /// <summary>Projects at most one batch; returns how many entries it handled (0 when there was nothing to do). Never waits for entries.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        if (!_initialized)
            await InitializeAsync(ct);

        var batch = _inFlight ?? await NextBatchAsync(ct);
        if (batch.Count == 0)
            return 0;

        // Kept until acknowledged: a batch that fails is retried as is, so nothing newer is applied before it.
        _inFlight = batch;
        try
        {
            await _commitRetry.ExecuteAsync(static async (self, ct) => await self.ProjectAsync(self._inFlight!, ct), this, ct);
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

    private async Task<IReadOnlyList<LogEntry>> NextBatchAsync(CancellationToken ct)
    {
        if (_drainPending)
        {
            var left = await log.ClaimStaleAsync(Group, Consumer, TimeSpan.Zero, _options.BatchSize, ct);
            if (left.Count > 0)
                return left;
            _drainPending = false;
            _nextStaleCheck = time.GetUtcNow() + _options.ClaimIdle;
        }
        else if (time.GetUtcNow() >= _nextStaleCheck)
        {
            // Entries this instance committed but failed to acknowledge come back here (and are only acknowledged).
            var stale = await log.ClaimStaleAsync(Group, Consumer, _options.ClaimIdle, _options.BatchSize, ct);
            if (stale.Count > 0)
                return stale;
            _nextStaleCheck = time.GetUtcNow() + _options.ClaimIdle;
        }
        return await log.ReadGroupAsync(Group, Consumer, _options.BatchSize, ct);
    }

    private async Task ProjectAsync(IReadOnlyList<LogEntry> batch, CancellationToken ct)
    {
        if (_needsReload)
            await ReloadAsync(ct);

        var view = Volatile.Read(ref _view);
        var state = view.State;
        var checkpoint = view.Checkpoint;
        var changed = new HashSet<EntityKey>();
        var history = new List<HistoryRow>();
        var deadLetters = new List<(LogEntry Entry, string Reason)>();
        long applied = 0, rejected = 0, duplicates = 0;
        string? lastAppliedId = null;

        foreach (var entry in batch)
        {
            if (entry.Position <= view.Checkpoint)
                continue; // committed before a crash that came ahead of its acknowledgement
            if (entry.Position > checkpoint)
                checkpoint = entry.Position;

            if (entry.DeliveryCount > _options.MaxDeliveries)
            {
                deadLetters.Add((entry, $"delivered {entry.DeliveryCount} times"));
                continue;
            }

            var parsed = parser.Parse(entry.Fields);
            if (parsed.Envelope is not { } envelope)
            {
                deadLetters.Add((entry, parsed.Error!));
                continue;
            }

            var reduction = reducer.Apply(state, envelope);
            state = reduction.State;
            changed.UnionWith(reduction.Changed);
            history.Add(ToHistory(entry.Position, envelope, reduction));
            switch (reduction.Outcome)
            {
                case OutcomeKind.Applied: applied++; lastAppliedId = envelope.Id; break;
                case OutcomeKind.Rejected: rejected++; break;
                default: duplicates++; break;
            }
        }

        if (checkpoint == view.Checkpoint)
            return;

        // Before the commit: a crash in between re-sends the entry, at worst dead-lettering it twice, never losing it.
        foreach (var (entry, reason) in deadLetters)
        {
            if (_deadLetteredInFlight.Contains(entry.Position))
                continue;
            await log.DeadLetterAsync(entry, reason, ct);
            _deadLetteredInFlight.Add(entry.Position);
            logger.LogWarning("Dead-lettered log entry {Position}: {Reason}", entry.Position, reason);
        }

        var delta = new ProjectionCounters(applied, rejected, duplicates, deadLetters.Count);
        await writer.CommitAsync(new ProjectedBatch(state, changed, history, delta, checkpoint), ct);

        var next = new View(state, checkpoint, view.Counters.Add(delta));
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
        });
    }

    private async Task ReloadAsync(CancellationToken ct)
    {
        var snapshot = await store.LoadProjectionAsync(ct);
        Volatile.Write(ref _view, new View(snapshot.State, snapshot.Checkpoint, snapshot.Counters));
        _needsReload = false;
        status.Update(s => s with
        {
            AppliedCount = snapshot.Counters.Applied,
            RejectedCount = snapshot.Counters.Rejected,
            DuplicateCount = snapshot.Counters.Duplicates,
            DeadLettered = snapshot.Counters.DeadLettered,
            Checkpoint = snapshot.Checkpoint,
        });
    }

    private static HistoryRow ToHistory(LogPosition position, EventEnvelope envelope, Reduction reduction) => new(
        position.ToString(),
        envelope.Id,
        envelope.Type,
        envelope.Street,
        EnvelopeWriter.FormatTime(envelope.OccurredAt),
        envelope.Source,
        Outcomes.Of(reduction.Outcome),
        reduction.Reason,
        envelope.DataJson,
        JsonSerializer.Serialize(reduction.Changed.Select(k => $"{k.Kind.ToString().ToLowerInvariant()}:{k.Id}")));

    private sealed record View(DistrictState State, LogPosition Checkpoint, ProjectionCounters Counters);
}
