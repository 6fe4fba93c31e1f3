namespace CommandCenter.Infrastructure.HotState;

/// <summary>Section <c>HotState</c> (docs/decisions/0010).</summary>
public sealed class HotStateOptions
{
    public const string Section = "HotState";

    /// <summary>
    /// How long a closed item stays in the live state after its closing: today, yesterday and the citizens' reopen
    /// window (a week of call-backs and reopenings; 8 days in all). Older closed items live on in the database only.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(8);

    /// <summary>How often the leader considers archiving.</summary>
    public TimeSpan ArchiveInterval { get; set; } = TimeSpan.FromMinutes(10);

    public bool Enabled { get; set; } = true;

    public string? Problem() =>
        Retention < TimeSpan.FromDays(2) ? "HotState:Retention must be at least 2 days (the walls show today against yesterday)"
        : ArchiveInterval <= TimeSpan.Zero ? "HotState:ArchiveInterval must be positive"
        : null;
}
