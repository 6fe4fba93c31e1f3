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
}
