namespace CommandCenter.Infrastructure.Database;

/// <summary>
/// The one place where SQLite and PostgreSQL differ (docs/architecture.md, "Modes"). Everything else is written once, in the common
/// subset both accept: <c>ON CONFLICT</c>, <c>RETURNING</c>, <c>LIMIT</c>, TEXT for JSON and times, BIGINT counters,
/// no booleans.
/// </summary>
public interface ISqlDialect
{
    string Name { get; }

    /// <summary>
    /// DDL of a 64-bit key that only grows and is never reused, even after the newest rows are deleted
    /// (log positions must never go backwards after a trim). Migrations write it as <c>{{identity}}</c>.
    /// </summary>
    string IdentityKey { get; }

    /// <summary>The tail of an insert that updates <paramref name="columns"/> when <paramref name="conflictTarget"/> already exists.</summary>
    string Upsert(string conflictTarget, params string[] columns);

    /// <summary>
    /// The tail of an insert that silently skips rows that conflict on <paramref name="conflictTarget"/>; name the
    /// partial unique index's predicate in <paramref name="where"/> when the target is one.
    /// </summary>
    string IgnoreConflict(string conflictTarget, string? where = null);

    /// <summary>Row limit clause bound to a parameter, e.g. <c>LIMIT @count</c>.</summary>
    string Limit(string parameter);

    /// <summary>
    /// A statement run first inside each migration transaction so two instances never migrate at once, or null
    /// when opening the write transaction already serializes writers (SQLite's BEGIN IMMEDIATE).
    /// </summary>
    string? MigrationLock { get; }

    /// <summary>
    /// The isolation level of a read-only transaction that sees one consistent commit without taking the write lock.
    /// </summary>
    System.Data.IsolationLevel SnapshotRead { get; }

    /// <summary>Replaces the dialect tokens of a migration script: <c>{{identity}}</c> and <c>{{blob}}</c> (binary data).</summary>
    string ExpandMigration(string script);
}
