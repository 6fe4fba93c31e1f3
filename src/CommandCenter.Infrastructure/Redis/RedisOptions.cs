namespace CommandCenter.Infrastructure.Redis;

/// <summary>Section <c>Redis</c>: the production event log's connection behaviour.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>From <c>ConnectionStrings:Redis</c>, e.g. <c>127.0.0.1:6379</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>How long a projector lease lives without renewal: the longest failover after a crash.</summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(6);

    public string? Problem() =>
        string.IsNullOrWhiteSpace(ConnectionString) ? "ConnectionStrings:Redis is required when EventLog:Provider is 'Redis' (e.g. 127.0.0.1:6379)"
        : LeaseTime < TimeSpan.FromSeconds(1) ? "Redis:LeaseTime must be at least 1 second"
        : null;
}
