using System.Collections.Concurrent;

namespace CommandCenter.Web.Account;

/// <summary>
/// Failed sign-ins are slowed down per client address *and* account name, never per account alone: a stranger's wrong
/// guesses at <c>admin</c> from their address make them wait longer and longer, while the real admin, signing in from
/// their own address, is not held up at all (an account lockout would let anyone lock anyone out). The first
/// <see cref="FreeFailures"/> failures cost nothing; after that each one doubles the wait before the next attempt from
/// that address for that name (1 s, 2 s, 4 s… up to <see cref="MaxWait"/>); a success clears it. The name is counted
/// whether or not an account has it, so the answer never tells. Per instance and in memory; the per-address rate limit
/// (<c>Security:SignInPerMinute</c>) bounds guessing across names. docs/decisions/0007.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int FreeFailures = 5;
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(15);

    /// <summary>Entries idle this long are forgotten.</summary>
    private static readonly TimeSpan Forget = TimeSpan.FromHours(1);
    private const int PruneAbove = 50_000;

    private sealed record Failures(int Count, DateTimeOffset Last, DateTimeOffset NextAllowed);

    private readonly ConcurrentDictionary<(string Address, string Name), Failures> _failures = new();

    /// <summary>How long <paramref name="address"/> must still wait before trying <paramref name="name"/> again; null when it may now.</summary>
    public TimeSpan? WaitBeforeTrying(string address, string name)
    {
        if (!_failures.TryGetValue(Key(address, name), out var failures))
            return null;
        var wait = failures.NextAllowed - time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : null;
    }

    public void Failed(string address, string name)
    {
        var now = time.GetUtcNow();
        _failures.AddOrUpdate(Key(address, name),
            _ => new Failures(1, now, now),
            (_, old) =>
            {
                var count = now - old.Last > Forget ? 1 : old.Count + 1;
                return new Failures(count, now, now + Backoff(count));
            });
        if (_failures.Count > PruneAbove)
            Prune(now);
    }

    public void Succeeded(string address, string name) => _failures.TryRemove(Key(address, name), out _);

    /// <summary>The wait after the <paramref name="count"/>th failure in a row.</summary>
    public static TimeSpan Backoff(int count) =>
        count <= FreeFailures ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, count - FreeFailures - 1), MaxWait.TotalSeconds));

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
        {
            if (now - failures.Last > Forget && failures.NextAllowed <= now)
                _failures.TryRemove(key, out _);
        }
    }

    private static (string, string) Key(string address, string name) => (address, name.Trim().ToUpperInvariant());
}
