namespace CommandCenter.Infrastructure.Projection;

/// <summary>
/// Leadership of the projector (docs/architecture.md: one active leader per stream). Only the holder projects and runs the
/// deadline watcher. A lease may be lost at any time (expiry, network); holders renew it and stop work when
/// <see cref="RenewAsync"/> says false.
/// </summary>
public interface IProjectorLease
{
    /// <summary>Whether this instance held the lease at its last acquire or renew.</summary>
    bool IsHeld { get; }

    /// <summary>
    /// Cancelled the moment a held lease is known lost, so work in flight (a batch about to commit) stops at once
    /// rather than at the next check. <see cref="CancellationToken.None"/> when nothing is held.
    /// </summary>
    CancellationToken LostToken { get; }

    /// <summary>Who holds it as far as this instance knows (an instance name), or null.</summary>
    string? Holder { get; }

    /// <summary>Takes the lease if free (or already ours); true when this instance now holds it.</summary>
    Task<bool> TryAcquireAsync(CancellationToken ct = default);

    /// <summary>Extends the lease; false means it is lost and work must stop.</summary>
    Task<bool> RenewAsync(CancellationToken ct = default);

    Task ReleaseAsync(CancellationToken ct = default);
}
