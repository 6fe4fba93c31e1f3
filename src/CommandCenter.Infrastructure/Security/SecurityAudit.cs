using System.Globalization;
using CommandCenter.Infrastructure.Database;
using Dapper;

namespace CommandCenter.Infrastructure.Security;

public sealed record AuditEntry(long Seq, DateTimeOffset At, string Kind, string? Actor, string? Subject, string? Detail, string? RemoteIp);

/// <summary>The security audit trail (sign-ins, failures, lockouts, account, key and token changes), viewable by Admin.</summary>
public sealed class SecurityAudit(IDbConnectionFactory db, TimeProvider time)
{
    public const string SignedIn = "sign-in";
    public const string SignedOut = "sign-out";
    public const string SignedOutEverywhere = "sign-out-everywhere";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string UserCreated = "user-created";
    public const string UserChanged = "user-changed";
    public const string ApiKeyCreated = "api-key-created";
    public const string ApiKeyRevoked = "api-key-revoked";
    public const string KioskTokenCreated = "kiosk-token-created";
    public const string KioskTokenRevoked = "kiosk-token-revoked";

    public async Task RecordAsync(string kind, string? actor, string? subject, string? detail, string? remoteIp, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO security_audit (at, kind, actor, subject, detail, remote_ip) VALUES (@At, @Kind, @Actor, @Subject, @Detail, @RemoteIp)
            """, new { At = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), Kind = kind, Actor = actor, Subject = subject, Detail = detail, RemoteIp = remoteIp },
            cancellationToken: ct));
    }

    public async Task<IReadOnlyList<AuditEntry>> RecentAsync(int count = 200, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long Seq, string At, string Kind, string? Actor, string? Subject, string? Detail, string? RemoteIp)>(
            new CommandDefinition($"""
                SELECT seq, at, kind, actor, subject, detail, remote_ip FROM security_audit ORDER BY seq DESC {db.Dialect.Limit("Count")}
                """, new { Count = count }, cancellationToken: ct));
        return [.. rows.Select(r => new AuditEntry(r.Seq, DateTimeOffset.Parse(r.At, CultureInfo.InvariantCulture), r.Kind, r.Actor, r.Subject, r.Detail, r.RemoteIp))];
    }
}
