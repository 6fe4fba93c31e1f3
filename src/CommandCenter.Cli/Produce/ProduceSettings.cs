namespace CommandCenter.Cli.Produce;

internal sealed record ProduceSettings(double EventsPerSecond, long Count, int BatchSize)
{
    public string? Problem() =>
        EventsPerSecond < 0 ? "--rate must not be negative"
        : Count < 1 ? "--count must be at least 1"
        : BatchSize is < 1 or > 10_000 ? "--batch must be 1 to 10000"
        : null;
}

internal sealed record ProduceResult(long Appended, TimeSpan Elapsed, long Retries = 0)
{
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Appended / Elapsed.TotalSeconds : Appended;
}
