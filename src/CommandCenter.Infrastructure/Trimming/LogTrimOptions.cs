namespace CommandCenter.Infrastructure.Trimming;

/// <summary>Section <c>LogTrim</c>: how long the Redis stream keeps entries the projector has already committed.</summary>
public sealed class LogTrimOptions
{
    public const string Section = "LogTrim";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Entries younger than this stay, even when committed: instances that restart or lag re-read the tail from
    /// the stream, and operators can still inspect it with redis-cli. The database keeps the whole history anyway.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    public string? Problem() =>
        Retention < TimeSpan.Zero ? "LogTrim:Retention must not be negative"
        : Interval <= TimeSpan.Zero ? "LogTrim:Interval must be positive"
        : null;
}
