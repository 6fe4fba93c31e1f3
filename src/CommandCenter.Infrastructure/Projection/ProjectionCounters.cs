namespace CommandCenter.Infrastructure.Projection;

/// <summary>
/// What the projector has done with the log positions it committed (table <c>counters</c>): one count per outcome
/// of <c>event_history</c>, so each always equals the number of history rows with that outcome (`cc verify` checks).
/// </summary>
public sealed record ProjectionCounters(long Applied, long Rejected, long Duplicates, long DeadLettered, long Markers = 0)
{
    public static readonly ProjectionCounters Zero = new(0, 0, 0, 0, 0);

    public long Total => Applied + Rejected + Duplicates + DeadLettered + Markers;

    public ProjectionCounters Add(ProjectionCounters other) => new(
        Applied + other.Applied, Rejected + other.Rejected, Duplicates + other.Duplicates,
        DeadLettered + other.DeadLettered, Markers + other.Markers);

    /// <summary>Each count under its row name in <c>counters</c>.</summary>
    public IEnumerable<(string Name, long Delta)> ByName() =>
    [
        (CounterNames.Applied, Applied), (CounterNames.Rejected, Rejected), (CounterNames.Duplicates, Duplicates),
        (CounterNames.DeadLettered, DeadLettered), (CounterNames.Markers, Markers),
    ];

    public static ProjectionCounters FromNames(IReadOnlyDictionary<string, long> values) => new(
        values.GetValueOrDefault(CounterNames.Applied), values.GetValueOrDefault(CounterNames.Rejected),
        values.GetValueOrDefault(CounterNames.Duplicates), values.GetValueOrDefault(CounterNames.DeadLettered),
        values.GetValueOrDefault(CounterNames.Markers));
}

/// <summary>The row names of <c>counters</c>.</summary>
internal static class CounterNames
{
    public const string Applied = "applied";
    public const string Rejected = "rejected";
    public const string Duplicates = "duplicates";
    public const string DeadLettered = "dead_lettered";
    public const string Markers = "markers";
}
