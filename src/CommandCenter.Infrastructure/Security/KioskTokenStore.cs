using System.Globalization;
using CommandCenter.Core.Reference;
using CommandCenter.Infrastructure.Database;
using Dapper;

namespace CommandCenter.Infrastructure.Security;

/// <summary>A wall screen's device token: read-only, bound to named views (<see cref="KioskViews"/>).</summary>
public sealed record KioskTokenInfo(string Id, string Name, IReadOnlyList<string> Views, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt)
{
    public bool Allows(string view) => Views.Contains(view, StringComparer.OrdinalIgnoreCase);
}

public sealed class KioskTokenStore(IDbConnectionFactory db, SecurityAudit audit, TimeProvider time, DistrictModel district)
{
    public const string Prefix = "cct_";

    public async Task<(KioskTokenInfo Token, string Secret)> CreateAsync(string name, IReadOnlyList<string> views, string createdBy, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
            throw new AdminRefusedException(new(AdminRule.ScreenNameRequired, "a screen name (1–100 characters) is required", []));
        var cleanViews = new List<string>();
        foreach (var view in views.Where(v => !string.IsNullOrWhiteSpace(v)))
        {
            var clean = KioskViews.Normalize(view, district, out var problem) ?? throw new AdminRefusedException(problem!);
            if (!cleanViews.Contains(clean, StringComparer.OrdinalIgnoreCase))
                cleanViews.Add(clean);
        }
        if (cleanViews.Count == 0)
            throw new AdminRefusedException(new(AdminRule.ViewsRequired,
                "at least one view is required (e.g. wall, structure, street:hunanlu, or a screen's name such as lobby)", []));
        var secret = Secrets.New(Prefix);
        var token = new KioskTokenInfo(Guid.NewGuid().ToString("N")[..12], name.Trim(), cleanViews, time.GetUtcNow(), createdBy, null);
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO kiosk_tokens (id, name, views, secret_hash, created_at, created_by) VALUES (@Id, @Name, @Views, @Hash, @CreatedAt, @CreatedBy)
            """, new { token.Id, token.Name, Views = string.Join(',', cleanViews), Hash = Secrets.Hash(secret), CreatedAt = Iso(token.CreatedAt), token.CreatedBy },
            cancellationToken: ct));
        await audit.RecordAsync(SecurityAudit.KioskTokenCreated, createdBy, $"kiosk:{token.Id}", $"{token.Name}: {string.Join(',', cleanViews)}", null, ct);
        return (token, secret);
    }

    public async Task<KioskTokenInfo?> FindActiveAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            SELECT id AS Id, name AS Name, views AS Views, created_at AS CreatedAt, created_by AS CreatedBy, revoked_at AS RevokedAt
            FROM kiosk_tokens WHERE secret_hash = @Hash AND revoked_at IS NULL
            """, new { Hash = Secrets.Hash(secret) }, cancellationToken: ct));
        return row?.ToInfo();
    }

    /// <summary>Whether the token with this id exists and is not revoked: what every open connection of it is re-checked by.</summary>
    public async Task<bool> IsActiveAsync(string id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM kiosk_tokens WHERE id = @Id AND revoked_at IS NULL", new { Id = id }, cancellationToken: ct)) > 0;
    }

    public async Task<IReadOnlyList<KioskTokenInfo>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition("""
            SELECT id AS Id, name AS Name, views AS Views, created_at AS CreatedAt, created_by AS CreatedBy, revoked_at AS RevokedAt
            FROM kiosk_tokens ORDER BY created_at DESC
            """, cancellationToken: ct));
        return [.. rows.Select(r => r.ToInfo())];
    }

    public async Task<bool> RevokeAsync(string id, string revokedBy, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE kiosk_tokens SET revoked_at = @At WHERE id = @Id AND revoked_at IS NULL",
            new { Id = id, At = Iso(time.GetUtcNow()) }, cancellationToken: ct));
        if (changed > 0)
            await audit.RecordAsync(SecurityAudit.KioskTokenRevoked, revokedBy, $"kiosk:{id}", null, null, ct);
        return changed > 0;
    }

    private static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private sealed record Row(string Id, string Name, string Views, string CreatedAt, string CreatedBy, string? RevokedAt)
    {
        public KioskTokenInfo ToInfo() => new(Id, Name, Views.Split(',', StringSplitOptions.RemoveEmptyEntries),
            DateTimeOffset.Parse(CreatedAt, CultureInfo.InvariantCulture), CreatedBy,
            RevokedAt is null ? null : DateTimeOffset.Parse(RevokedAt, CultureInfo.InvariantCulture));
    }
}
