using CommandCenter.Infrastructure.Projection;

namespace CommandCenter.Infrastructure.Tests.Support;

/// <summary>
/// A lease for tests that drive one projector in one process: the first taker holds it until it releases.
/// </summary>
public sealed class LocalLease : IProjectorLease
{
    private readonly string _instance = $"{Environment.MachineName}-{Environment.ProcessId}";
    private int _held;

    public bool IsHeld => Volatile.Read(ref _held) == 1;

    public string? Holder => IsHeld ? _instance : null;

    /// <summary>A process's own lease is never lost from under it.</summary>
    public CancellationToken LostToken => CancellationToken.None;

    public Task<bool> TryAcquireAsync(CancellationToken ct = default)
    {
        Interlocked.Exchange(ref _held, 1);
        return Task.FromResult(true);
    }

    public Task<bool> RenewAsync(CancellationToken ct = default) => Task.FromResult(IsHeld);

    public Task ReleaseAsync(CancellationToken ct = default)
    {
        Interlocked.Exchange(ref _held, 0);
        return Task.CompletedTask;
    }
}
