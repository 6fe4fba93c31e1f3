using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace CommandCenter.Infrastructure.Database;

/// <summary>PostgreSQL (production: several instances on one database, docs/decisions/0011).</summary>
public sealed class PostgresDialect : ISqlDialect
{
    public static readonly PostgresDialect Instance = new();

    /// <summary>The advisory lock key the migrations take: any constant of our own ("cc" "mig" in ASCII).</summary>
    public const long MigrationLockKey = 0x6363_6D69_67;

    public string Name => "postgres";

    // A sequence never hands out a value twice, whatever is deleted; ALWAYS refuses a caller's own value.
    public string IdentityKey => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    public string Upsert(string conflictTarget, params string[] columns) =>
        $"ON CONFLICT ({conflictTarget}) DO UPDATE SET {string.Join(", ", columns.Select(c => $"{c} = excluded.{c}"))}";

    public string IgnoreConflict(string conflictTarget, string? where = null) =>
        where is null ? $"ON CONFLICT ({conflictTarget}) DO NOTHING" : $"ON CONFLICT ({conflictTarget}) WHERE {where} DO NOTHING";

    public string Limit(string parameter) => $"LIMIT @{parameter}";

    // Held until the migration's transaction ends: a second instance starting at the same moment waits, then finds the
    // version applied.
    public string? MigrationLock => $"SELECT pg_advisory_xact_lock({MigrationLockKey})";

    // One snapshot for the whole transaction (READ COMMITTED would take a new one per statement).
    public System.Data.IsolationLevel SnapshotRead => System.Data.IsolationLevel.RepeatableRead;

    public string ExpandMigration(string script) => script
        .Replace("{{identity}}", IdentityKey, StringComparison.Ordinal)
        .Replace("{{blob}}", "BYTEA", StringComparison.Ordinal);

    public string InList(string column, string parameter) => $"{column} = ANY(@{parameter})";

    public async Task WriteRowsAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        IReadOnlyCollection<string?[]> rows, string? upsertKey, CancellationToken ct = default)
    {
        if (rows.Count == 0)
            return;
        var npgsql = (NpgsqlConnection)connection;
        if (upsertKey is null)
        {
            // Binary COPY: the rows stream in one go, no statement per row and no text parsing on the server.
            await using var importer = await npgsql.BeginBinaryImportAsync(
                $"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct);
                foreach (var value in row)
                {
                    if (value is null)
                        await importer.WriteNullAsync(ct);
                    else
                        await importer.WriteAsync(value, NpgsqlDbType.Text, ct);
                }
            }
            await importer.CompleteAsync(ct);
            return;
        }

        // COPY cannot upsert: one statement over one text array per column instead.
        var update = columns.Where(c => c != upsertKey).ToArray();
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {table} ({string.Join(", ", columns)}) SELECT * FROM unnest({string.Join(", ", columns.Select((_, i) => $"@p{i}"))}) "
            + Upsert(upsertKey, update),
            npgsql, (NpgsqlTransaction)transaction);
        for (var i = 0; i < columns.Count; i++)
        {
            var values = new string?[rows.Count];
            var r = 0;
            foreach (var row in rows)
                values[r++] = row[i];
            command.Parameters.Add(new NpgsqlParameter<string?[]>($"p{i}", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = values });
        }
        await command.ExecuteNonQueryAsync(ct);
    }
}
