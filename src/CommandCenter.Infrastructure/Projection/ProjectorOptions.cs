namespace CommandCenter.Infrastructure.Projection;

/// <summary>Section <c>Projector</c>.</summary>
public sealed class ProjectorOptions
{
    public const string Section = "Projector";

    /// <summary>Entries read and committed per transaction: large enough that a backlog drains in few fsyncs.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>
    /// How many times an entry may fail while handed out alone before it goes to the dead-letter log (a poison entry
    /// that kills the process each time it is projected). Failures while it shared a batch never count.
    /// </summary>
    public int MaxDeliveries { get; set; } = 3;

    /// <summary>How long an entry stays pending with another consumer before this projector takes it over.</summary>
    public TimeSpan ClaimIdle { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>This instance's consumer name in the group; unique per process.</summary>
    public string ConsumerName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>
    /// The embedded mode's projector lease time (kept in the database): the longest wait before a second process on the
    /// same database file takes over from one that died. The Redis mode uses <c>Redis:LeaseTime</c>.
    /// </summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>A state snapshot is stored after this many history rows (a restart re-reduces at most about this many).</summary>
    public int SnapshotEvery { get; set; } = 50_000;

    /// <summary>How many state snapshots are kept (the newest ones).</summary>
    public int SnapshotsKept { get; set; } = 3;

    /// <summary>
    /// How many pending entries are handed out together when the first of them was delivered
    /// <paramref name="deliveries"/> times already: the whole batch after one crash, a quarter after two, and so on
    /// down to one — so an entry that kills the process is isolated in a few restarts (docs/decisions/0009).
    /// </summary>
    public int RedeliveryWindow(int deliveries) => Math.Max(1, BatchSize >> Math.Min(30, 2 * Math.Max(0, deliveries - 1)));

    /// <summary>
    /// How many times an entry now delivered for the <paramref name="deliveryCount"/>-th time was handed out alone
    /// before, each ending in a crash (it would not be pending otherwise); negative when it never was alone.
    /// </summary>
    public int FailuresAlone(int deliveryCount)
    {
        var firstAlone = 1;
        while (RedeliveryWindow(firstAlone) > 1)
            firstAlone++;
        return deliveryCount - 1 - firstAlone;
    }

    public string? Problem() =>
        BatchSize is < 1 or > 10_000 ? "Projector:BatchSize must be 1 to 10000"
        : MaxDeliveries < 1 ? "Projector:MaxDeliveries must be at least 1"
        : ClaimIdle < TimeSpan.Zero ? "Projector:ClaimIdle must not be negative"
        : string.IsNullOrWhiteSpace(ConsumerName) ? "Projector:ConsumerName is empty"
        : LeaseTime < TimeSpan.FromSeconds(1) ? "Projector:LeaseTime must be at least 1 second"
        : SnapshotEvery < 1 ? "Projector:SnapshotEvery must be at least 1"
        : SnapshotsKept < 1 ? "Projector:SnapshotsKept must be at least 1"
        : null;
}
