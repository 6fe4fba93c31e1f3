using System.Collections.Immutable;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using CommandCenter.Web.Live;

namespace CommandCenter.Web.Wall.Replay;

/// <summary>
/// The district as it was at any past moment, rebuilt from <c>event_history</c> with the same reducer as the live
/// state. "At T" means: the history's rows in log (seq) order, up to the first row that occurred after T. The index
/// scans forward once, lazily, and keeps the state at every minute boundary where something changed, so a
/// slider move costs at most one minute of rows (docs/decisions/0006).
/// </summary>
public sealed class ReplayIndex(ReplayHistory history, EnvelopeParser parser, DistrictReducer reducer)
{
    public const int PageSize = 2000;
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>State after the rows up to <see cref="Seq"/>; <see cref="Recent"/> newest first.</summary>
    public sealed record Point(long Seq, DistrictState State, ImmutableArray<EventEnvelope> Recent, DateTimeOffset? LastOccurredAt)
    {
        public static readonly Point Start = new(0, DistrictState.Empty, [], null);
    }

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SortedList<long, Point> _minutes = [];
    private Point _cursor = Point.Start;
    private readonly RecentBuffer _cursorRecent = new();
    private DateTimeOffset? _boundary;
    private bool _changedSinceBoundary = true;

    /// <summary>How many minute snapshots are cached (for tests and diagnostics).</summary>
    public int CachedMinutes => _minutes.Count;

    public async Task<Point> StateAtAsync(DateTimeOffset at, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await ScanPastAsync(MinuteFloor(at), ct);
            var index = FloorIndex(MinuteFloor(at).UtcTicks);
            var start = index >= 0 ? _minutes.Values[index] : Point.Start;
            return await ApplyUntilAsync(start, at, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The wall's snapshot at <paramref name="at"/>, as a live snapshot so the wall's builder takes it unchanged.</summary>
    public async Task<LiveSnapshot> SnapshotAtAsync(DateTimeOffset at, CancellationToken ct = default)
    {
        var point = await StateAtAsync(at, ct);
        return new LiveSnapshot(point.State, LogPosition.Start, point.Recent.IsEmpty ? null : point.Recent[0].Id,
            point.LastOccurredAt, at, point.Recent, IsHydrated: true, Version: point.Seq);
    }

    /// <summary>Moves the scan forward until the minute boundary after <paramref name="minute"/> is recorded, or the history ends.</summary>
    private async Task ScanPastAsync(DateTimeOffset minute, CancellationToken ct)
    {
        while (_boundary is null || _boundary <= minute)
        {
            var page = await history.ReadAfterAsync(_cursor.Seq, PageSize, ct);
            if (page.Count == 0) return;
            foreach (var entry in page)
            {
                _boundary ??= MinuteFloor(entry.OccurredAt);
                if (entry.OccurredAt > _boundary)
                {
                    // The cursor is the state at the boundary, and at every minute up to this row's: record it once.
                    if (_changedSinceBoundary) Record(_boundary.Value);
                    _changedSinceBoundary = false;
                    var floor = MinuteFloor(entry.OccurredAt);
                    _boundary = floor == entry.OccurredAt ? floor : floor + Minute;
                }
                _cursor = Apply(_cursor, entry, _cursorRecent);
                _changedSinceBoundary = true;
            }
        }
    }

    private void Record(DateTimeOffset boundary) =>
        _minutes[boundary.UtcTicks] = _cursor with { Recent = _cursorRecent.ToImmutable() };

    private async Task<Point> ApplyUntilAsync(Point start, DateTimeOffset at, CancellationToken ct)
    {
        var point = start;
        var recent = new RecentBuffer(start.Recent);
        while (true)
        {
            var page = await history.ReadAfterAsync(point.Seq, PageSize, ct);
            foreach (var entry in page)
            {
                if (entry.OccurredAt > at) return point with { Recent = recent.ToImmutable() };
                point = Apply(point, entry, recent);
            }
            if (page.Count < PageSize) return point with { Recent = recent.ToImmutable() };
        }
    }

    private Point Apply(Point point, HistoryEntry entry, RecentBuffer recent)
    {
        if (parser.Parse(entry.Fields).Envelope is not { } envelope) return point with { Seq = entry.Seq };
        var reduction = reducer.Apply(point.State, envelope);
        if (!reduction.IsApplied) return point with { Seq = entry.Seq, State = reduction.State };
        recent.Add(envelope);
        return new Point(entry.Seq, reduction.State, [], envelope.OccurredAt);
    }

    private int FloorIndex(long ticks)
    {
        int lo = 0, hi = _minutes.Count - 1, found = -1;
        var keys = _minutes.Keys;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (keys[mid] <= ticks) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found;
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
