namespace CommandCenter.Infrastructure.Projection;

/// <summary>Section <c>Projector</c>.</summary>
public sealed class ProjectorOptions
{
    public const string Section = "Projector";

    /// <summary>Entries read and committed per transaction: large enough that a backlog drains in few fsyncs.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>An entry handed out more often than this is a poison entry and goes to the dead-letter log.</summary>
    public int MaxDeliveries { get; set; } = 3;

    /// <summary>How long an entry stays pending with another consumer before this projector takes it over.</summary>
    public TimeSpan ClaimIdle { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>This instance's consumer name in the group; unique per process.</summary>
    public string ConsumerName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    public string? Problem() =>
        BatchSize is < 1 or > 10_000 ? "Projector:BatchSize must be 1 to 10000"
        : MaxDeliveries < 1 ? "Projector:MaxDeliveries must be at least 1"
        : ClaimIdle < TimeSpan.Zero ? "Projector:ClaimIdle must not be negative"
        : string.IsNullOrWhiteSpace(ConsumerName) ? "Projector:ConsumerName is empty"
        : null;
}
