using System.Collections.Immutable;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.EventLog;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Web.Live;

namespace CommandCenter.Web.Wall.Replay;

/// <summary>
/// The district as it was at any past moment, rebuilt from <c>event_history</c> with the same reducer as the live
/// state. "At T" means: the history's rows in log (seq) order, up to the first row that occurred after T
/// (docs/decisions/0006), the log's own markers (<c>log.*</c>, timed when written) never counting as that row. A replay starts from the newest stored state snapshot whose rows all occurred by T — the
/// projector keeps one a day (docs/decisions/0010) — so any minute of the year costs at most about a day of rows,
/// and a playback that moves forward continues from where the last one stopped. Only <see cref="CacheSize"/> points
/// a stream are kept, whatever the history.
/// <para>
/// Under streams per street (docs/decisions/0014) each street's stream is replayed on its own, from that stream's
/// snapshots and rows in its log order, and the moment is the union of the streets' states
/// (<see cref="StreetStatesMerge"/>), as the live state is.
/// </para>
/// </summary>
public sealed class ReplayIndex(ReplayHistory history, EnvelopeParser parser, DistrictReducer reducer, EventLogStreams streams)
{
    public const int PageSize = 2000;

    /// <summary>Points kept per stream for a playback or slider going back and forth: bounded, whatever the history.</summary>
    public const int CacheSize = 8;

    /// <summary>State after the rows up to <see cref="Seq"/>; <see cref="Recent"/> newest first.</summary>
    /// <param name="At">The moment this point was taken for (rows up to the first one after it).</param>
    /// <param name="Stopped">The row after <see cref="Seq"/> occurred after <see cref="At"/>: a later moment may continue here.</param>
    public sealed record Point(long Seq, DistrictState State, ImmutableArray<EventEnvelope> Recent, DateTimeOffset? LastOccurredAt,
        DateTimeOffset At = default, long BaseSeq = 0)
    {
        public static readonly Point Start = new(0, DistrictState.Empty, [], null);
    }

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, LinkedList<Point>> _cache = new(StringComparer.Ordinal);

    /// <summary>How many points are cached (bounded by <see cref="CacheSize"/> a stream).</summary>
    public int CachedPoints => _cache.Values.Sum(points => points.Count);

    public async Task<Point> StateAtAsync(DateTimeOffset at, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var points = new List<Point>(streams.All.Count);
            foreach (var stream in streams.All.Select(s => s.Stream))
            {
                var start = await StartingPointAsync(stream, at, ct);
                var point = await ApplyUntilAsync(stream, start, at, ct);
                Remember(stream, point);
                points.Add(point);
            }
            return points.Count == 1 ? points[0] : Union(points, at);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The streets' points as one district: their states' union, the newest of their tickers.</summary>
    private static Point Union(List<Point> streets, DateTimeOffset at)
    {
        var recent = streets.SelectMany(p => p.Recent).OrderByDescending(e => e.OccurredAt).Take(LiveSnapshot.RecentCapacity);
        return new Point(streets.Sum(p => p.Seq), StreetStatesMerge.Union([.. streets.Select(p => p.State)]), [.. recent],
            streets.Max(p => p.LastOccurredAt), at);
    }

    /// <summary>The wall's snapshot at <paramref name="at"/>, as a live snapshot so the wall's builder takes it unchanged.</summary>
    public async Task<LiveSnapshot> SnapshotAtAsync(DateTimeOffset at, CancellationToken ct = default)
    {
        var point = await StateAtAsync(at, ct);
        return new LiveSnapshot(point.State, LogPosition.Start, point.Recent.IsEmpty ? null : point.Recent[0].Id,
            point.LastOccurredAt, at, point.Recent, IsHydrated: true, Version: point.Seq);
    }

    /// <summary>
    /// The closest point to start from: a cached point taken for an earlier moment from the same stored snapshot, else
    /// the stored snapshot itself (its ticker filled from the rows before it), else the empty state.
    /// </summary>
    private async Task<Point> StartingPointAsync(ProjectionStream stream, DateTimeOffset at, CancellationToken ct)
    {
        var baseSeq = await history.SnapshotSeqBeforeAsync(at, ct, stream) ?? 0;
        var cached = _cache.GetValueOrDefault(stream.Name)?.Where(p => p.BaseSeq == baseSeq && p.At <= at).MaxBy(p => p.At);
        if (cached is not null)
            return cached;
        if (baseSeq == 0 || await history.SnapshotAsync(baseSeq, ct, stream) is not { } state)
            return Point.Start;
        var recent = new RecentBuffer();
        DateTimeOffset? last = null;
        foreach (var entry in await history.AppliedBeforeAsync(baseSeq, LiveSnapshot.RecentCapacity, ct, stream))
            if (parser.Parse(entry.Stored.Fields).Envelope is { } envelope)
            {
                recent.Add(envelope);
                last = envelope.OccurredAt;
            }
        return new Point(baseSeq, state, recent.ToImmutable(), last, DateTimeOffset.MinValue, baseSeq);
    }

    private async Task<Point> ApplyUntilAsync(ProjectionStream stream, Point start, DateTimeOffset at, CancellationToken ct)
    {
        var point = start;
        var recent = new RecentBuffer(start.Recent);
        while (true)
        {
            var page = await history.ReadAfterAsync(point.Seq, PageSize, ct, stream);
            foreach (var entry in page)
            {
                // The log's own markers carry the time the pipeline wrote them, not a moment of the district: the
                // leader's rules notice at a fresh log's start comes before a backfilled week, and must not end its replay.
                if (entry.OccurredAt > at && entry.Stored.Outcome != Outcomes.Marker) return point with { Recent = recent.ToImmutable(), At = at };
                point = Apply(point, entry, recent);
            }
            if (page.Count == 0) return point with { Recent = recent.ToImmutable(), At = at };
        }
    }

    /// <summary>
    /// Applies one history row as the projector did. Rows it found duplicate or rejected changed nothing a screen shows
    /// (a rejection only marks its id as seen), so they are passed over: the replay needs no idempotency window, and
    /// its snapshots carry none (docs/decisions/0017). `cc verify` proves the stored outcomes equal the reducer's.
    /// </summary>
    private Point Apply(Point point, HistoryEntry entry, RecentBuffer recent)
    {
        if (entry.Stored.Outcome is not (Outcomes.Applied or Outcomes.Marker)
            || HistoryReplay.EnvelopeOf(entry.Stored, parser) is not { } envelope)
            return point with { Seq = entry.Seq };
        var reduction = reducer.Apply(point.State, envelope);
        if (!reduction.IsApplied)
            return point with { Seq = entry.Seq, State = reduction.State };
        recent.Add(envelope);
        return point with { Seq = entry.Seq, State = reduction.State, LastOccurredAt = envelope.OccurredAt };
    }

    private void Remember(ProjectionStream stream, Point point)
    {
        if (!_cache.TryGetValue(stream.Name, out var points))
            _cache[stream.Name] = points = new LinkedList<Point>();
        points.AddFirst(point);
        while (points.Count > CacheSize)
            points.RemoveLast();
    }

    internal static DateTimeOffset MinuteFloor(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    /// <summary>The latest applied envelopes, newest first, at most <see cref="LiveSnapshot.RecentCapacity"/>: a ring, so each event costs O(1).</summary>
    private sealed class RecentBuffer
    {
        private readonly EventEnvelope[] _ring = new EventEnvelope[LiveSnapshot.RecentCapacity];
        private int _next, _count;

        public RecentBuffer() { }

        public RecentBuffer(ImmutableArray<EventEnvelope> newestFirst)
        {
            for (var i = newestFirst.Length - 1; i >= 0; i--) Add(newestFirst[i]);
        }

        public void Add(EventEnvelope envelope)
        {
            _ring[_next] = envelope;
            _next = (_next + 1) % _ring.Length;
            _count = Math.Min(_count + 1, _ring.Length);
        }

        public ImmutableArray<EventEnvelope> ToImmutable()
        {
            var builder = ImmutableArray.CreateBuilder<EventEnvelope>(_count);
            for (var i = 1; i <= _count; i++) builder.Add(_ring[(_next - i + _ring.Length) % _ring.Length]);
            return builder.MoveToImmutable();
        }
    }
}
