using System.Collections.Immutable;

namespace CommandCenter.Core.State;

/// <summary>
/// The envelope ids of the last <see cref="Capacity"/> applied events: the reducer's idempotency window.
/// A window (not every id ever) keeps memory flat; it is part of the state, so every reducer run over the
/// same log decides duplicates the same way. See docs/decisions/0003-single-reducer.md.
/// </summary>
public sealed class RecentIds
{
    public const int Capacity = 100_000;

    private readonly ImmutableQueue<string> _order;
    private readonly ImmutableHashSet<string> _ids;

    public static readonly RecentIds Empty = new(ImmutableQueue<string>.Empty, ImmutableHashSet<string>.Empty);

    private RecentIds(ImmutableQueue<string> order, ImmutableHashSet<string> ids) => (_order, _ids) = (order, ids);

    public int Count => _ids.Count;

    public bool Contains(string id) => _ids.Contains(id);

    public RecentIds Add(string id)
    {
        var order = _order.Enqueue(id);
        var ids = _ids.Add(id);
        if (ids.Count > Capacity)
        {
            order = order.Dequeue(out var oldest);
            ids = ids.Remove(oldest);
        }
        return new RecentIds(order, ids);
    }

    /// <summary>Oldest first, as the DB reloads them.</summary>
    public IEnumerable<string> InOrder() => _order;

    public static RecentIds From(IEnumerable<string> idsOldestFirst) => idsOldestFirst.Aggregate(Empty, (window, id) => window.Add(id));
}
