namespace CommandCenter.Infrastructure.Projection;

/// <summary>What the projector has done with the entries it committed (table <c>counters</c>).</summary>
public sealed record ProjectionCounters(long Applied, long Rejected, long Duplicates, long DeadLettered)
{
    public static readonly ProjectionCounters Zero = new(0, 0, 0, 0);

    public ProjectionCounters Add(ProjectionCounters other) =>
        new(Applied + other.Applied, Rejected + other.Rejected, Duplicates + other.Duplicates, DeadLettered + other.DeadLettered);
}
