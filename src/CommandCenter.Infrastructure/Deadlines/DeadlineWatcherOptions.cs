namespace CommandCenter.Infrastructure.Deadlines;

/// <summary>Section <c>DeadlineWatcher</c>.</summary>
public sealed class DeadlineWatcherOptions
{
    public const string Section = "DeadlineWatcher";

    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    public string? Problem() => Interval <= TimeSpan.Zero ? "DeadlineWatcher:Interval must be positive" : null;
}
