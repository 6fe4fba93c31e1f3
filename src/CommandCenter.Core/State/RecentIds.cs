using System.Collections.Immutable;

namespace CommandCenter.Core.State;

/// <summary>
/// The reducer's idempotency window (docs/decisions/0008-idempotency-window.md): the envelope ids of the most recent
/// events the reducer processed (applied or rejected), at least <see cref="Capacity"/> of them. An id inside the
/// window is a duplicate. The rule depends only on the order of the log, so every reader of the same log decides
/// duplicates the same way, and the window is saved whole in the state snapshot, so a restart decides exactly as a
/// clean replay does.
/// <para>
/// Shape: sealed chunks of <see cref="ChunkSize"/> ids (never changed once sealed, so successive states share them)
/// plus one open chunk; when a chunk seals and more than <see cref="Capacity"/> sealed ids are held, the oldest chunk
/// is dropped. Memory is flat: about 40 bytes an id, 10 MB at capacity, whatever the length of the history.
/// </para>
/// </summary>
public sealed class RecentIds
{
    /// <summary>Sealed ids kept: 64 chunks; about a week of a real district's events (docs/decisions/0008).</summary>
    public const int Capacity = 64 * ChunkSize;

    public const int ChunkSize = 4_096;

    private readonly ImmutableArray<IReadOnlySet<Guid>> _sealed;
    private readonly ImmutableHashSet<Guid> _open;

    public static readonly RecentIds Empty = new([], []);

    private RecentIds(ImmutableArray<IReadOnlySet<Guid>> sealedChunks, ImmutableHashSet<Guid> open) => (_sealed, _open) = (sealedChunks, open);

    public int Count => _sealed.Length * ChunkSize + _open.Count;

    public bool Contains(string id) => Guid.TryParse(id, out var guid) && Contains(guid);

    public bool Contains(Guid id)
    {
        if (_open.Contains(id)) return true;
        foreach (var chunk in _sealed)
            if (chunk.Contains(id)) return true;
        return false;
    }

    /// <summary>The window after one more event. Ids that are not UUIDs never reach here (the parser refuses them).</summary>
    public RecentIds Add(string id) => Guid.TryParse(id, out var guid) ? Add(guid) : this;

    public RecentIds Add(Guid id)
    {
        var open = _open.Add(id);
        if (open.Count < ChunkSize)
            return new RecentIds(_sealed, open);
        var chunks = _sealed.Add(new HashSet<Guid>(open));
        if (chunks.Length * ChunkSize > Capacity)
            chunks = chunks.RemoveAt(0);
        return new RecentIds(chunks, []);
    }

    /// <summary>The sealed chunks oldest first, then the open one: what a state snapshot stores.</summary>
    public IEnumerable<IReadOnlyCollection<Guid>> Chunks() => [.. _sealed.Cast<IReadOnlyCollection<Guid>>(), _open];

    /// <summary>Rebuilds the window a snapshot stored: full chunks are sealed as they were, the last one is open.</summary>
    public static RecentIds FromChunks(IEnumerable<IReadOnlyCollection<Guid>> chunks)
    {
        var list = chunks.ToList();
        if (list.Take(list.Count - 1).Any(c => c.Count != ChunkSize) || list.Count > 0 && list[^1].Count >= ChunkSize)
            throw new InvalidDataException($"an idempotency window holds full chunks of {ChunkSize} ids and one open chunk");
        return list.Count == 0
            ? Empty
            : new RecentIds([.. list.Take(list.Count - 1).Select(c => (IReadOnlySet<Guid>)new HashSet<Guid>(c))], [.. list[^1]]);
    }

    /// <summary>Same ids in the same chunks: two runs over the same log give equal windows.</summary>
    public bool SameAs(RecentIds other) =>
        _sealed.Length == other._sealed.Length && _open.SetEquals(other._open)
        && _sealed.Zip(other._sealed).All(pair => pair.First.SetEquals(pair.Second));
}
