using CommandCenter.Infrastructure.Redis;
using StackExchange.Redis;

namespace CommandCenter.Infrastructure.Tests.Support;

/// <summary>
/// The real redis-server that tests/run.sh starts on a free port and names in <c>CC_TEST_REDIS</c>. There is no
/// fallback and no skip: without it these tests fail and say how to run them.
/// </summary>
public static class RedisServer
{
    private static readonly Lazy<ConnectionMultiplexer> Shared = new(() => ConnectionMultiplexer.Connect(Address));

    public static string Address =>
        Environment.GetEnvironmentVariable("CC_TEST_REDIS") is { Length: > 0 } address
            ? address
            : throw new InvalidOperationException("CC_TEST_REDIS is not set: the Redis tests need a real redis-server. Run tests/run.sh, which starts one.");

    public static IConnectionMultiplexer Connection => Shared.Value;

    /// <summary>A fresh stream (and dead-letter stream) of its own, so tests never see each other's entries.</summary>
    public static RedisEventLog NewLog(out string streamKey)
    {
        streamKey = $"test:{Guid.NewGuid():N}";
        return new RedisEventLog(Connection, streamKey, streamKey + ":dead");
    }

    private static readonly Lazy<ConnectionMultiplexer> SharedCluster = new(() => ConnectionMultiplexer.Connect(ClusterAddress));

    /// <summary>The one-node Redis Cluster tests/run.sh starts (<c>CC_TEST_REDIS_CLUSTER</c>): it refuses a command whose keys span slots.</summary>
    public static string ClusterAddress =>
        Environment.GetEnvironmentVariable("CC_TEST_REDIS_CLUSTER") is { Length: > 0 } address
            ? address
            : throw new InvalidOperationException("CC_TEST_REDIS_CLUSTER is not set: the cluster tests need a Redis Cluster. Run tests/run.sh, which starts one.");

    public static IConnectionMultiplexer Cluster => SharedCluster.Value;
}
