using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;

namespace CommandCenter.Infrastructure.Projection;

/// <summary>
/// The entities a batch changed, each with the state right after its last change in the batch. The commit writes each
/// entity as of that state, not as of the batch's final state: a <c>log.archived</c> notice later in the same batch
/// takes closed items out of the hot state (docs/decisions/0010), yet their last change must still reach the database.
/// </summary>
public sealed class ChangedEntities
{
    private readonly Dictionary<EntityKey, DistrictState> _asOf = [];

    public int Count => _asOf.Count;

    public IEnumerable<EntityKey> Keys => _asOf.Keys;

    /// <summary>Notes the entities <paramref name="reduction"/> changed, as they stand in its resulting state.</summary>
    public void Record(Reduction reduction)
    {
        foreach (var key in reduction.Changed)
            _asOf[key] = reduction.State;
    }

    /// <summary>The state that holds <paramref name="key"/>'s version to write.</summary>
    /// <exception cref="KeyNotFoundException">The batch did not change <paramref name="key"/>.</exception>
    public DistrictState AsOf(EntityKey key) => _asOf[key];

    public void Clear() => _asOf.Clear();
}
