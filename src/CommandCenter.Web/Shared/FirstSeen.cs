namespace CommandCenter.Web.Shared;

/// <summary>
/// Tells which ids are new since the last look, to announce an arrival once (a severity-1 incident, a tough-problem
/// whistle): the first look only learns what is already there, so opening a console does not replay old alarms.
/// </summary>
public sealed class FirstSeen<TId> where TId : notnull
{
    private HashSet<TId>? _known;

    /// <summary>The ids of <paramref name="current"/> not seen in an earlier call (none on the first call).</summary>
    public IReadOnlyList<TId> Next(IEnumerable<TId> current)
    {
        var ids = current.ToHashSet();
        if (_known is null)
        {
            _known = ids;
            return [];
        }
        var arrived = ids.Where(id => !_known.Contains(id)).ToList();
        _known.UnionWith(arrived);
        return arrived;
    }
}
