using System.Data.Common;

namespace CommandCenter.Infrastructure.Database;

public sealed class SqliteDialect : ISqlDialect
{
    public static readonly SqliteDialect Instance = new();

    public string Name => "sqlite";

    // AUTOINCREMENT, unlike a bare rowid alias, never hands out a deleted maximum again.
    public string IdentityKey => "INTEGER PRIMARY KEY AUTOINCREMENT";

    public string Upsert(string conflictTarget, params string[] columns) =>
        $"ON CONFLICT ({conflictTarget}) DO UPDATE SET {string.Join(", ", columns.Select(c => $"{c} = excluded.{c}"))}";

    public string IgnoreConflict(string conflictTarget, string? where = null) =>
        where is null ? $"ON CONFLICT ({conflictTarget}) DO NOTHING" : $"ON CONFLICT ({conflictTarget}) WHERE {where} DO NOTHING";

    public string Limit(string parameter) => $"LIMIT @{parameter}";

    public string? MigrationLock => null;

    // Microsoft.Data.Sqlite opens a deferred BEGIN for this level (others get BEGIN IMMEDIATE, the write lock);
    // under WAL a deferred read transaction reads one snapshot.
    public System.Data.IsolationLevel SnapshotRead => System.Data.IsolationLevel.ReadUncommitted;

    public string ExpandMigration(string script) => script
        .Replace("{{identity}}", IdentityKey, StringComparison.Ordinal)
        .Replace("{{blob}}", "BLOB", StringComparison.Ordinal);

    public string InList(string column, string parameter) => $"{column} IN @{parameter}";

    // In process, a prepared statement per row costs about what one multi-row statement would, without its size limits.
    public async Task WriteRowsAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        IReadOnlyCollection<string?[]> rows, string? upsertKey, CancellationToken ct = default)
    {
        if (rows.Count == 0)
            return;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})"
            + (upsertKey is null ? "" : " " + Upsert(upsertKey, [.. columns.Where(c => c != upsertKey)]));
        var parameters = columns.Select((_, i) =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await command.PrepareAsync(ct);
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
                parameters[i].Value = (object?)row[i] ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
