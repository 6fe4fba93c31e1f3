namespace CommandCenter.Infrastructure.Projection;

/// <summary>
/// Which stream of the log a projector, its store and its writer work on (docs/decisions/0014). The district's one
/// stream is <see cref="Single"/> (name ""): its checkpoint row is <c>projector</c> and its counters the plain names, as
/// they always were. Under <c>EventLog:Sharding = Street</c> each street's stream is named by the street's code, and
/// owns the checkpoint row <c>projector:{street}</c> (position and fencing token), the counter rows
/// <c>{counter}:{street}</c>, its history rows and state snapshots (column <c>stream</c>). Nothing of one stream's
/// projection is written by another's projector, so two streams commit side by side without conflict.
/// </summary>
/// <param name="Name">"" for the one stream, else the street's code (e.g. <c>ninghailu</c>).</param>
public sealed record ProjectionStream(string Name)
{
    public static readonly ProjectionStream Single = new("");

    public bool IsStreet => Name.Length > 0;

    /// <summary>The street whose envelopes alone belong on this stream; null for the one stream (every street).</summary>
    public string? Street => IsStreet ? Name : null;

    /// <summary>The row of <c>checkpoints</c> (position and fence) and, in embedded mode, of <c>leases</c>.</summary>
    public string CheckpointName => IsStreet ? $"{ProjectionStore.CheckpointName}:{Name}" : ProjectionStore.CheckpointName;

    /// <summary>The row of <c>counters</c> holding this stream's count <paramref name="counter"/> (e.g. <c>applied</c>).</summary>
    public string CounterName(string counter) => IsStreet ? $"{counter}:{Name}" : counter;

    /// <summary>The Redis stream key for this stream, given the district's key (<c>cc:events</c> → <c>cc:events:{ninghailu}</c>).</summary>
    /// <remarks>The braces are Redis Cluster's hash tag: the stream and its lease key hash to the same slot.</remarks>
    public string StreamKey(string baseKey) => IsStreet ? $"{baseKey}:{{{Name}}}" : baseKey;

    public override string ToString() => IsStreet ? $"stream of {Name}" : "the stream";
}
