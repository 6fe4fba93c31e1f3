namespace CommandCenter.Core.Events;

/// <summary>The field names of a log entry: the wire contract shared by every producer and adapter.</summary>
public static class EnvelopeFields
{
    public const string Id = "id";
    public const string Type = "type";
    public const string OccurredAt = "occurredAt";
    public const string Source = "source";
    public const string Street = "street";
    public const string Version = "v";
    public const string Data = "data";

    public static readonly IReadOnlyList<string> All = [Id, Type, OccurredAt, Source, Street, Version, Data];
}
