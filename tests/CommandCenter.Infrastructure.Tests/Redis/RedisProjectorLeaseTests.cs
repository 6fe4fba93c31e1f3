using CommandCenter.Infrastructure.Redis;
using CommandCenter.Infrastructure.Tests.Support;

namespace CommandCenter.Infrastructure.Tests.Redis;

public sealed class RedisProjectorLeaseTests
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(2);

    // For tests that never wait for an expiry. The library refuses an acquisition when less than half the lease is
    // left once Redis has answered: with 2 s, a round trip over a second on a loaded 2-core machine failed one.
    private static readonly TimeSpan LongLease = TimeSpan.FromSeconds(30);

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(50);
        }
        return await condition();
    }

    [Fact]
    public async Task TryAcquireAsync_HeldByAnother_RefusedAndNamesTheHolder()
    {
        var key = $"test:{Guid.NewGuid():N}:lease";
        await using var a = new RedisProjectorLease(RedisServer.Connection, key, "instance-a", LongLease);
        await using var b = new RedisProjectorLease(RedisServer.Connection, key, "instance-b", LongLease);

        Assert.True(await a.TryAcquireAsync());
        Assert.False(await b.TryAcquireAsync());

        Assert.True(a.IsHeld);
        Assert.False(b.IsHeld);
        Assert.Equal("instance-a", b.Holder);
    }

    [Fact]
    public async Task ReleaseAsync_ByTheHolder_OtherAcquiresAtOnce()
    {
        var key = $"test:{Guid.NewGuid():N}:lease";
        await using var a = new RedisProjectorLease(RedisServer.Connection, key, "instance-a", LongLease);
        await using var b = new RedisProjectorLease(RedisServer.Connection, key, "instance-b", LongLease);
        Assert.True(await a.TryAcquireAsync());

        await a.ReleaseAsync();

        Assert.True(await b.TryAcquireAsync());
        Assert.Equal("instance-b", b.Holder);
    }

    [Fact]
    public async Task IsHeld_LockTakenAwayInRedis_TurnsFalseAndTheOtherTakesOverWithinTheLeaseTime()
    {
        var key = $"test:{Guid.NewGuid():N}:lease";
        await using var a = new RedisProjectorLease(RedisServer.Connection, key, "instance-a", LeaseTime);
        await using var b = new RedisProjectorLease(RedisServer.Connection, key, "instance-b", LeaseTime);
        Assert.True(await a.TryAcquireAsync());

        var lostToken = a.LostToken;
        Assert.False(lostToken.IsCancellationRequested);
        // What a crashed holder leaves behind once its lock expires: no lock at all.
        await RedisServer.Connection.GetDatabase().KeyDeleteAsync(key);

        Assert.True(await EventuallyAsync(() => Task.FromResult(!a.IsHeld), LeaseTime * 2), "holder noticed the loss");
        Assert.True(lostToken.IsCancellationRequested, "work in flight was told to stop");
        Assert.True(await EventuallyAsync(() => b.TryAcquireAsync(), LeaseTime), "the other took over");
        Assert.False(await a.RenewAsync());
    }

    [Fact]
    public async Task RenewAsync_WhileHeld_KeepsTheLeaseBeyondItsExpiry()
    {
        var key = $"test:{Guid.NewGuid():N}:lease";
        await using var a = new RedisProjectorLease(RedisServer.Connection, key, "instance-a", LeaseTime);
        await using var b = new RedisProjectorLease(RedisServer.Connection, key, "instance-b", LeaseTime);
        Assert.True(await a.TryAcquireAsync());

        var until = DateTime.UtcNow + LeaseTime * 2;
        while (DateTime.UtcNow < until)
        {
            Assert.True(await a.RenewAsync());
            Assert.False(await b.TryAcquireAsync());
            await Task.Delay(200);
        }
    }
}
