namespace CommandCenter.Core.Events;

/// <summary>Either a valid envelope or the reason the entry cannot be one (for the dead-letter entry).</summary>
public readonly record struct ParseResult(EventEnvelope? Envelope, string? Error)
{
    public bool IsValid => Envelope is not null;
    public static ParseResult Ok(EventEnvelope envelope) => new(envelope, null);
    public static ParseResult Fail(string error) => new(null, error);
}
