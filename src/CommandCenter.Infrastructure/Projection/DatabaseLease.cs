using CommandCenter.Infrastructure.Database;
using Dapper;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Infrastructure.Projection;

/// <summary>
/// The embedded mode's projector lease, kept in the database itself (table <c>leases</c>), so that two processes
/// started on one database file never both project: the first takes it, the other waits until it expires. A holder
/// that cannot renew (the database locked or full) keeps it until <paramref name="leaseTime"/> has passed since its
/// last renewal and then counts it lost. Correctness does not rest on the lease alone: every commit is fenced
/// (<see cref="ProjectionWriter"/>), so even two believed holders cannot both commit.
/// </summary>
public sealed class DatabaseLease(IDbConnectionFactory db, string name, string instance, TimeSpan leaseTime, TimeProvider time, ILogger<DatabaseLease> logger)
    : IProjectorLease
{
    private CancellationTokenSource? _held;
    private DateTimeOffset _expiresAt;
    private string? _otherHolder;

    public bool IsHeld => _held is { IsCancellationRequested: false } && time.GetUtcNow() < _expiresAt;

    public string? Holder => IsHeld ? instance : _otherHolder;

    public CancellationToken LostToken => _held?.Token ?? CancellationToken.None;

    public async Task<bool> TryAcquireAsync(CancellationToken ct = default)
    {
        if (IsHeld) return true;
        Drop();
        var now = time.GetUtcNow();
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var taken = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE leases SET holder = @instance, epoch = epoch + 1, expires_at = @until
            WHERE name = @name AND (holder IS NULL OR holder = @instance OR expires_at < @now)
            """, new { name, instance, now = now.ToUnixTimeMilliseconds(), until = (now + leaseTime).ToUnixTimeMilliseconds() }, tx, cancellationToken: ct));
        if (taken == 0)
            taken = await connection.ExecuteAsync(new CommandDefinition($"""
                INSERT INTO leases (name, holder, epoch, expires_at) VALUES (@name, @instance, 1, @until) {db.Dialect.IgnoreConflict("name")}
                """, new { name, instance, until = (now + leaseTime).ToUnixTimeMilliseconds() }, tx, cancellationToken: ct));
        if (taken == 0)
            _otherHolder = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT holder FROM leases WHERE name = @name", new { name }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        if (taken == 0)
            return false;
        _expiresAt = now + leaseTime;
        _held = new CancellationTokenSource();
        return true;
    }

    public async Task<bool> RenewAsync(CancellationToken ct = default)
    {
        if (!IsHeld)
        {
            Drop();
            return false;
        }
        var now = time.GetUtcNow();
        try
        {
            await using var connection = await db.OpenAsync(ct);
            var renewed = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE leases SET expires_at = @until WHERE name = @name AND holder = @instance
                """, new { name, instance, until = (now + leaseTime).ToUnixTimeMilliseconds() }, cancellationToken: ct));
            if (renewed == 1)
            {
                _expiresAt = now + leaseTime;
                return true;
            }
            Drop(); // someone took it over after it expired
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Still ours until it expires; the next renewal tries again.
            logger.LogWarning(ex, "Could not renew the projector lease; it stays held until {ExpiresAt:O}", _expiresAt);
            if (IsHeld) return true;
            Drop();
            return false;
        }
    }

    public async Task ReleaseAsync(CancellationToken ct = default)
    {
        Drop();
        try
        {
            await using var connection = await db.OpenAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE leases SET holder = NULL, expires_at = 0 WHERE name = @name AND holder = @instance", new { name, instance }, cancellationToken: ct));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not release the projector lease; it expires by itself");
        }
    }

    private void Drop()
    {
        if (_held is { } held)
        {
            _held = null;
            held.Cancel();
            held.Dispose();
        }
    }
}
