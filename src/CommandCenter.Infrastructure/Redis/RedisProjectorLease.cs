using Medallion.Threading.Redis;
using StackExchange.Redis;

namespace CommandCenter.Infrastructure.Redis;

/// <summary>
/// The projector's leadership across instances: a DistributedLock.Redis lock (SET NX with expiry, extended in the
/// background by the library). The library cancels <see cref="RedisDistributedLockHandle.HandleLostToken"/> the
/// moment an extension fails, so <see cref="IsHeld"/> turns false at once and the projector stops before its next
/// batch. A second key names the holder for /healthz, since the lock's own value is an opaque token.
/// </summary>
public sealed class RedisProjectorLease(IConnectionMultiplexer redis, string lockKey, string instance, TimeSpan leaseTime)
    : Projection.IProjectorLease, IAsyncDisposable
{
    private readonly RedisDistributedLock _lock = new(lockKey, redis.GetDatabase(), options => options
        .Expiry(leaseTime)
        .ExtensionCadence(leaseTime / 3)
        // The library counts an acquisition as failed when less than its minimum validity is left once Redis has
        // answered (by default 90 % of the expiry: a 2 s lease then fails on any round trip above 200 ms, which a
        // loaded machine gives). Half the lease is enough: renewals come every third of it, and the fence check
        // (decision 0009) refuses a commit from a holder that lost the lease anyway.
        .MinValidityTime(leaseTime / 2)
        .BusyWaitSleepTime(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50)));

    private RedisDistributedLockHandle? _handle;
    private string? _otherHolder;

    private RedisKey HolderKey => $"{lockKey}:holder";

    public bool IsHeld => _handle is { } handle && !handle.HandleLostToken.IsCancellationRequested;

    public string? Holder => IsHeld ? instance : _otherHolder;

    public CancellationToken LostToken => _handle?.HandleLostToken ?? CancellationToken.None;

    public async Task<bool> TryAcquireAsync(CancellationToken ct = default)
    {
        if (IsHeld) return true;
        await DropHandleAsync();

        _handle = await _lock.TryAcquireAsync(TimeSpan.Zero, ct);
        if (_handle is null)
        {
            _otherHolder = (string?)await redis.GetDatabase().StringGetAsync(HolderKey);
            return false;
        }
        await redis.GetDatabase().StringSetAsync(HolderKey, instance, leaseTime);
        return true;
    }

    public async Task<bool> RenewAsync(CancellationToken ct = default)
    {
        // The lock itself is extended by the library; only the holder's name needs refreshing here.
        if (!IsHeld) return false;
        await redis.GetDatabase().StringSetAsync(HolderKey, instance, leaseTime);
        return IsHeld;
    }

    public async Task ReleaseAsync(CancellationToken ct = default)
    {
        if (IsHeld)
            await redis.GetDatabase().ScriptEvaluateAsync(
                "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
                [HolderKey], [instance]);
        await DropHandleAsync();
    }

    public ValueTask DisposeAsync() => new(DropHandleAsync());

    private async Task DropHandleAsync()
    {
        if (_handle is { } handle)
        {
            _handle = null;
            try
            {
                await handle.DisposeAsync();
            }
            catch (RedisException)
            {
                // Releasing a lock on an unreachable Redis: it expires by itself.
            }
        }
    }
}
