using Microsoft.Extensions.Options;

namespace CommandCenter.Infrastructure.Simulation;

/// <summary>The <c>Simulator</c> configuration section (docs/architecture.md, "Modes": on by default in embedded mode).</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    public bool Enabled { get; set; }

    /// <summary>
    /// Whether a fresh log starts with <see cref="BackfillDays"/> days of generated history (<see cref="HistoryBackfillService"/>).
    /// <c>Simulator:Backfill</c> when set, else on wherever the simulator is on by default (the embedded mode).
    /// </summary>
    public bool Backfill { get; set; }

    /// <summary>Days of history a backfill generates, up to the moment of the first start.</summary>
    public int BackfillDays { get; set; } = 7;

    /// <summary>The mean rate over a day; the day rhythm makes mornings busier and nights quieter.</summary>
    public double EventsPerSecond { get; set; } = 5;

    /// <summary>Fixes the random sequence, for repeatable demos; a fresh one each start when unset.</summary>
    public int? Seed { get; set; }

    /// <summary>How often a small batch is appended.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Stretches the time between an item's steps; 1 lets a live wall see items close within minutes.</summary>
    public double StepDelayScale { get; set; } = 1;

    public int MaxActiveItems { get; set; } = 5_000;

    /// <summary>Open work older than this many log entries is not replayed at start (a huge log starts fresh).</summary>
    public int MaxResumeEntries { get; set; } = 200_000;

    internal string? Problem() =>
        EventsPerSecond is not (> 0 and <= 100_000) ? $"Simulator:EventsPerSecond must be above 0 and at most 100000 (was {EventsPerSecond})"
        : TickInterval < TimeSpan.FromMilliseconds(10) || TickInterval > TimeSpan.FromSeconds(5) ? $"Simulator:TickInterval must be 10 ms to 5 s (was {TickInterval})"
        : StepDelayScale is not (> 0 and <= 1_000) ? $"Simulator:StepDelayScale must be above 0 and at most 1000 (was {StepDelayScale})"
        : MaxActiveItems < 1 ? $"Simulator:MaxActiveItems must be at least 1 (was {MaxActiveItems})"
        : MaxResumeEntries < 0 ? $"Simulator:MaxResumeEntries must not be negative (was {MaxResumeEntries})"
        : Backfill && BackfillDays is < 1 or > 366 ? $"Simulator:BackfillDays must be 1 to 366 (was {BackfillDays})"
        : null;
}

/// <summary>Refuses a bad <c>Simulator</c> section at start, naming the setting and its value.</summary>
internal sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
