using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.Projection;

namespace CommandCenter.Infrastructure.EventLog;

/// <summary>How the district's log is split into streams (<c>EventLog:Sharding</c>, docs/decisions/0014).</summary>
public enum EventLogSharding
{
    /// <summary>One stream for the whole district (<c>cc:events</c>): the default.</summary>
    None,

    /// <summary>One stream per street (<c>cc:events:{street}</c>), each with its own projector lease, checkpoint and fence.</summary>
    Street,
}

/// <summary>One stream of the log and its adapter.</summary>
public sealed record StreamLog(ProjectionStream Stream, IEventLog Log);

/// <summary>
/// The streams the district's log is made of: the one stream, or one per street (in the district's street order).
/// Producers append through <see cref="StreetRoutedEventLog"/>; projectors, `cc verify` and tails take each stream here.
/// </summary>
public sealed class EventLogStreams
{
    private readonly Dictionary<string, StreamLog> _byName;

    /// <exception cref="ArgumentException">No streams, or two of one name.</exception>
    public EventLogStreams(IReadOnlyList<StreamLog> all)
    {
        if (all.Count == 0) throw new ArgumentException("a log has at least one stream", nameof(all));
        All = all;
        _byName = all.ToDictionary(s => s.Stream.Name, StringComparer.Ordinal);
    }

    /// <summary>The district's one stream.</summary>
    public static EventLogStreams Single(IEventLog log) => new([new StreamLog(ProjectionStream.Single, log)]);

    public IReadOnlyList<StreamLog> All { get; }

    public bool IsSharded => All[0].Stream.IsStreet;

    /// <summary>The stream an envelope of <paramref name="street"/> goes to; null when no stream takes that street.</summary>
    public StreamLog? ForStreet(string? street) =>
        !IsSharded ? All[0] : street is not null && _byName.TryGetValue(street, out var stream) ? stream : null;
}
