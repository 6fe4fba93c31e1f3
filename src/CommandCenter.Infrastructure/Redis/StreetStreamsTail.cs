using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.Projection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CommandCenter.Infrastructure.Redis;

/// <summary>What one poll of every street's stream gave the live state.</summary>
/// <param name="State">The district: the union of the streets' states after the poll.</param>
/// <param name="Position">The latest position read on any stream (for display; each stream keeps its own cursor).</param>
/// <param name="Read">Entries read over all streams (applied, rejected or passed over alike).</param>
/// <param name="Behind">Some stream gave a full batch: more is waiting there.</param>
/// <param name="Applied">The envelopes applied, stream by stream, each stream's in its order.</param>
/// <param name="Rejected">The envelopes the reducer refused, with the reason.</param>
public sealed record StreetsRead(DistrictState State, LogPosition Position, int Read, bool Behind,
    IReadOnlyList<EventEnvelope> Applied, IReadOnlyList<(EventEnvelope Envelope, string Reason)> Rejected);

/// <summary>
/// The live tail over one stream per street (docs/decisions/0014): hydrates each street's state from its own stored
/// projection, then polls every stream in ONE non-blocking <c>XREAD</c> over all the keys on the shared multiplexer
/// (decision 0004), each stream after its own cursor, and applies each stream's entries in that stream's order to that
/// street's state with the one reducer — exactly what the stream's projector does, so each street equals its stream's
/// replay. The screens read the union of the streets (<see cref="StreetStatesMerge"/>). A street's
/// <c>log.dead-lettered</c> notice resynchronises that street alone from the database, once its projector has
/// committed the position (as the single stream's live state does, docs/decisions/0009).
/// Driven by one loop (the live state's); not thread-safe.
/// </summary>
public sealed class StreetStreamsTail(IConnectionMultiplexer redis, StreetPipelines pipelines, EnvelopeParser parser, DistrictReducer reducer,
    ILogger<StreetStreamsTail> logger)
{
    private sealed class Cursor(StreetPipeline pipeline)
    {
        public StreetPipeline Pipeline { get; } = pipeline;
        public DistrictState State { get; set; } = DistrictState.Empty;
        public LogPosition Position { get; set; } = LogPosition.Start;
        public LogPosition Base { get; set; } = LogPosition.Start;
        public LogPosition? ResyncAt { get; set; }
    }

    private Cursor[] _cursors = [];
    private DistrictState _merged = DistrictState.Empty;

    /// <summary>Each street's position, after its hydration and every poll (tests, health).</summary>
    public IReadOnlyDictionary<string, LogPosition> Positions => _cursors.ToDictionary(c => c.Pipeline.Stream.Name, c => c.Position);

    /// <summary>Loads every street's stored projection; returns their union.</summary>
    public async Task<DistrictState> HydrateAsync(CancellationToken ct = default)
    {
        var cursors = new List<Cursor>();
        foreach (var pipeline in pipelines.All)
        {
            var stored = await pipeline.Store.LoadAsync(ct);
            cursors.Add(new Cursor(pipeline) { State = stored.State, Position = stored.Checkpoint, Base = stored.Checkpoint });
        }
        _cursors = [.. cursors];
        _merged = StreetStatesMerge.Union([.. _cursors.Select(c => c.State)]);
        return _merged;
    }

    /// <summary>Reads up to <paramref name="countPerStream"/> entries of every stream after its cursor and applies them.</summary>
    public async Task<StreetsRead> PollAsync(int countPerStream, CancellationToken ct = default)
    {
        foreach (var cursor in _cursors.Where(c => c.ResyncAt is not null))
            await ResyncIfDueAsync(cursor, ct);

        var read = await RedisEventLog.ReadManyAfterAsync(redis,
            _cursors.ToDictionary(c => c.Pipeline.Log.StreamKey, c => c.Position), countPerStream);
        var applied = new List<EventEnvelope>();
        var rejected = new List<(EventEnvelope, string)>();
        var total = 0;
        var behind = false;
        var latest = LogPosition.Start;
        foreach (var cursor in _cursors)
        {
            if (!read.TryGetValue(cursor.Pipeline.Log.StreamKey, out var entries) || entries.Count == 0)
                continue;
            total += entries.Count;
            behind |= entries.Count >= countPerStream;
            var state = cursor.State;
            foreach (var entry in entries)
            {
                // Passed over as the stream's projector dead-letters them: unparsable, or of another street.
                if (parser.Parse(entry).Envelope is not { } envelope || Projector.WrongStreet(cursor.Pipeline.Stream, envelope) is not null)
                    continue;
                var reduction = reducer.Apply(state, envelope);
                state = reduction.State;
                switch (reduction.Outcome)
                {
                    case OutcomeKind.Applied:
                        applied.Add(envelope);
                        break;
                    case OutcomeKind.Rejected:
                        rejected.Add((envelope, reduction.Reason ?? "rejected"));
                        break;
                    case OutcomeKind.Notice when envelope.Payload is LogDeadLettered notice && LogPosition.TryParse(notice.Position, out var dead)
                                                 && dead > cursor.Base && (cursor.ResyncAt is null || dead > cursor.ResyncAt):
                        cursor.ResyncAt = dead;
                        break;
                }
            }
            Swap(cursor, state);
            cursor.Position = entries[^1].Position;
            if (cursor.Position > latest)
                latest = cursor.Position;
        }
        return new StreetsRead(_merged, latest, total, behind, applied, rejected);
    }

    /// <summary>Once the street's projector holds the dead-lettered position: its stored state, and its stream re-applied up to the cursor.</summary>
    private async Task ResyncIfDueAsync(Cursor cursor, CancellationToken ct)
    {
        if (cursor.ResyncAt is not { } target || await cursor.Pipeline.Store.CheckpointAsync(ct) < target)
            return;
        var stored = await cursor.Pipeline.Store.LoadAsync(ct);
        var state = stored.State;
        var position = stored.Checkpoint;
        while (position < cursor.Position)
        {
            var entries = await cursor.Pipeline.Log.ReadAfterAsync(position, 1_000, ct);
            if (entries.Count == 0) break;
            foreach (var entry in entries.TakeWhile(e => e.Position <= cursor.Position))
            {
                if (parser.Parse(entry).Envelope is { } envelope && Projector.WrongStreet(cursor.Pipeline.Stream, envelope) is null)
                    state = reducer.Apply(state, envelope).State;
                position = entry.Position;
            }
            if (entries[^1].Position >= cursor.Position) break;
        }
        cursor.ResyncAt = null;
        cursor.Base = stored.Checkpoint;
        Swap(cursor, state);
        logger.LogInformation("Live state of {Stream} resynchronised from the database at {Checkpoint} after a dead-lettered entry at {Position}",
            cursor.Pipeline.Stream, stored.Checkpoint, target);
    }

    private void Swap(Cursor cursor, DistrictState state)
    {
        var before = cursor.State;
        cursor.State = state;
        _merged = StreetStatesMerge.Replace(_merged, before, state, [.. _cursors.Select(c => c.State)]);
    }
}
