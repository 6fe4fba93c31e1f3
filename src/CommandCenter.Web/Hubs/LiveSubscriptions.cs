using System.Collections.Immutable;

namespace CommandCenter.Web.Hubs;

/// <summary>
/// Which hub connections want which scopes. SignalR groups would send an event once per matching group, so a client
/// subscribed to <c>district</c> and to its street would get it twice; this index lets the broadcaster send each
/// event once to the union of matching connections. Writes (subscribe, disconnect) are rare and swap an immutable
/// index; reads on the event path take no lock.
/// </summary>
public sealed class LiveSubscriptions
{
    private readonly Lock _gate = new();
    private ImmutableDictionary<string, ImmutableHashSet<string>> _byScope = ImmutableDictionary<string, ImmutableHashSet<string>>.Empty;

    public void Add(string connectionId, string scope)
    {
        lock (_gate)
            _byScope = _byScope.SetItem(scope, _byScope.GetValueOrDefault(scope, []).Add(connectionId));
    }

    public void Remove(string connectionId, string scope)
    {
        lock (_gate)
        {
            if (_byScope.TryGetValue(scope, out var connections))
                _byScope = connections.Remove(connectionId) is { IsEmpty: false } rest ? _byScope.SetItem(scope, rest) : _byScope.Remove(scope);
        }
    }

    public void RemoveConnection(string connectionId)
    {
        lock (_gate)
        {
            foreach (var scope in _byScope.Where(pair => pair.Value.Contains(connectionId)).Select(pair => pair.Key).ToList())
                Remove(connectionId, scope);
        }
    }

    /// <summary>The connections subscribed to any of the scopes, each once.</summary>
    public IReadOnlyList<string> Matching(IEnumerable<string> scopes)
    {
        var index = Volatile.Read(ref _byScope);
        HashSet<string>? result = null;
        foreach (var scope in scopes)
        {
            if (index.TryGetValue(scope, out var connections))
                (result ??= []).UnionWith(connections);
        }
        return result is null ? [] : [.. result];
    }
}
