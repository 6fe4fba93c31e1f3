using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.Tests.EventLog;
using CommandCenter.Infrastructure.Tests.Support;

namespace CommandCenter.Infrastructure.Tests.Redis;

/// <summary>The same contract the embedded log passes, against a real redis-server (idle time is real here).</summary>
public sealed class RedisEventLogContractTests : EventLogContract
{
    protected override Task<IEventLog> CreateLogAsync() => Task.FromResult<IEventLog>(RedisServer.NewLog(out _));

    [Fact]
    public async Task AppendAsync_RedisStream_PositionsAreServerTimestampIds()
    {
        var log = RedisServer.NewLog(out _);
        var before = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var positions = await log.AppendAsync([Entry(1), Entry(2)]);

        Assert.All(positions, p => Assert.InRange(p.Milliseconds, before - 5_000, before + 60_000));
        Assert.True(positions[1] > positions[0]);
    }

    [Fact]
    public async Task InfoAsync_RedisStream_IsNamedByTheStreamKey()
    {
        var log = RedisServer.NewLog(out var key);

        var info = await log.InfoAsync(Group);

        Assert.Equal($"redis:{key}", info.Name);
    }
}
