using System.Globalization;
using System.Reflection;
using Dapper;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Infrastructure.Database;

/// <summary>One versioned script, e.g. <c>0002_projection.sql</c> → version 2.</summary>
public sealed record Migration(int Version, string Name, string Script);

/// <summary>
/// Applies the embedded <c>Database/Migrations/NNNN_name.sql</c> scripts in version order, each in its own
/// transaction together with its row in <c>schema_migrations</c>, so a crash never leaves a half-applied version.
/// Safe to run again and from several instances: applied versions are skipped, checked inside the transaction.
/// </summary>
public sealed class MigrationRunner(IDbConnectionFactory db, ILogger<MigrationRunner> logger)
{
    private const string ResourceMarker = ".Database.Migrations.";

    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded();

    /// <summary>Runs the pending migrations; returns the versions it applied (empty when already up to date).</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        if (!await SchemaTableExistsAsync(connection, ct))
        {
            // Under the migration lock too: two PostgreSQL sessions creating the same table at once collide even with IF NOT EXISTS.
            await using var tx = await connection.BeginTransactionAsync(ct);
            if (db.Dialect.MigrationLock is { } lockStatement)
                await connection.ExecuteAsync(new CommandDefinition(lockStatement, transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    INTEGER PRIMARY KEY,
                    name       TEXT NOT NULL,
                    applied_at TEXT NOT NULL
                )
                """, transaction: tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }

        // A plain read first: when the schema is current (every start but the first after an upgrade) no write lock is
        // taken at all, so a start never waits on another process that holds the database's write lock.
        var current = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT version FROM schema_migrations", cancellationToken: ct))).ToHashSet();
        var applied = new List<int>();
        foreach (var migration in Embedded.Where(m => !current.Contains(m.Version)))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            if (db.Dialect.MigrationLock is { } lockStatement)
                await connection.ExecuteAsync(new CommandDefinition(lockStatement, transaction: tx, cancellationToken: ct));

            var done = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { migration.Version }, tx, cancellationToken: ct));
            if (done > 0)
                continue;

            await connection.ExecuteAsync(new CommandDefinition(db.Dialect.ExpandMigration(migration.Script), transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)
                """, new { migration.Version, migration.Name, AppliedAt = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
                tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            applied.Add(migration.Version);
            logger.LogInformation("Applied database migration {Version} {Name} ({Dialect})", migration.Version, migration.Name, db.Dialect.Name);
        }
        return applied;
    }

    private async Task<bool> SchemaTableExistsAsync(System.Data.Common.DbConnection connection, CancellationToken ct)
    {
        try
        {
            await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM schema_migrations", cancellationToken: ct));
            return true;
        }
        catch (System.Data.Common.DbException)
        {
            return false;
        }
    }

    private static IReadOnlyList<Migration> LoadEmbedded()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.Contains(ResourceMarker, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(assembly, name))
            .OrderBy(m => m.Version)
            .ToList();

        var clash = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new InvalidOperationException($"two migrations share version {clash.Key}: {string.Join(", ", clash.Select(m => m.Name))}");
        return migrations;
    }

    private static Migration Read(Assembly assembly, string resource)
    {
        var fileName = resource[(resource.IndexOf(ResourceMarker, StringComparison.Ordinal) + ResourceMarker.Length)..];
        var digits = new string(fileName.TakeWhile(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0)
            throw new InvalidOperationException($"migration '{fileName}' does not start with its version number (NNNN_name.sql)");

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new Migration(int.Parse(digits, CultureInfo.InvariantCulture), Path.GetFileNameWithoutExtension(fileName), reader.ReadToEnd());
    }
}
