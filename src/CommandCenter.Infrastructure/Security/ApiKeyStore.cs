using System.Globalization;
using CommandCenter.Infrastructure.Database;
using Dapper;

namespace CommandCenter.Infrastructure.Security;

public sealed record ApiKeyInfo(string Id, string Source, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt);

/// <summary>
/// Producer API keys, one or more per source system (12345 platform, grid app, enforcement system), issued only for a
/// source <see cref="ProducerSystems"/> knows and never for one of the app's own.
/// </summary>
public sealed class ApiKeyStore(IDbConnectionFactory db, SecurityAudit audit, TimeProvider time, ProducerSystems producers)
{
    public const string Prefix = "cck_";

    /// <summary>Makes a key for <paramref name="source"/>; the returned secret is never stored and cannot be shown again.</summary>
    /// <exception cref="ArgumentException">No source, a reserved one, or one with no configured event families.</exception>
    public async Task<(ApiKeyInfo Key, string Secret)> CreateAsync(string source, string createdBy, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(source) || source.Length > 64)
            throw new AdminRefusedException(new(AdminRule.SourceRequired, "a source system name (1–64 characters) is required", []));
        if (producers.ProblemIssuing(source) is { } problem)
            throw new AdminRefusedException(problem);
        var secret = Secrets.New(Prefix);
        var key = new ApiKeyInfo(Guid.NewGuid().ToString("N")[..12], source.Trim(), time.GetUtcNow(), createdBy, null);
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO api_keys (id, source, secret_hash, created_at, created_by) VALUES (@Id, @Source, @Hash, @CreatedAt, @CreatedBy)
            """, new { key.Id, key.Source, Hash = Secrets.Hash(secret), CreatedAt = Iso(key.CreatedAt), key.CreatedBy }, cancellationToken: ct));
        await audit.RecordAsync(SecurityAudit.ApiKeyCreated, createdBy, $"api-key:{key.Id}", $"source {key.Source}", null, ct);
        return (key, secret);
    }

    /// <summary>The live (not revoked) key with this secret, or null.</summary>
    public async Task<ApiKeyInfo?> FindActiveAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            SELECT id AS Id, source AS Source, created_at AS CreatedAt, created_by AS CreatedBy, revoked_at AS RevokedAt
            FROM api_keys WHERE secret_hash = @Hash AND revoked_at IS NULL
            """, new { Hash = Secrets.Hash(secret) }, cancellationToken: ct));
        return row?.ToInfo();
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition("""
            SELECT id AS Id, source AS Source, created_at AS CreatedAt, created_by AS CreatedBy, revoked_at AS RevokedAt
            FROM api_keys ORDER BY created_at DESC
            """, cancellationToken: ct));
        return [.. rows.Select(r => r.ToInfo())];
    }

    public async Task<bool> RevokeAsync(string id, string revokedBy, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @At WHERE id = @Id AND revoked_at IS NULL",
            new { Id = id, At = Iso(time.GetUtcNow()) }, cancellationToken: ct));
        if (changed > 0)
            await audit.RecordAsync(SecurityAudit.ApiKeyRevoked, revokedBy, $"api-key:{id}", null, null, ct);
        return changed > 0;
    }

    private static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private sealed record Row(string Id, string Source, string CreatedAt, string CreatedBy, string? RevokedAt)
    {
        public ApiKeyInfo ToInfo() => new(Id, Source, DateTimeOffset.Parse(CreatedAt, CultureInfo.InvariantCulture), CreatedBy,
            RevokedAt is null ? null : DateTimeOffset.Parse(RevokedAt, CultureInfo.InvariantCulture));
    }
}
