using System.Data.Common;

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

    /// <summary>
    /// A condition that <paramref name="column"/> is one of the values of the list parameter <paramref name="parameter"/>
    /// (Dapper expands <c>IN @list</c> for SQLite; Npgsql takes the list as one array, <c>= ANY(@list)</c>).
    /// </summary>
    string InList(string column, string parameter);

    /// <summary>
    /// Writes <paramref name="rows"/> (one text value or null per column of <paramref name="columns"/>, in that order) into
    /// <paramref name="table"/> inside <paramref name="transaction"/>, the fastest way this database offers: appended when
    /// <paramref name="upsertKey"/> is null, else inserted or, where that key exists, updated in every other column. The
    /// projector's commit writes its history and entities through here (SQLite: one prepared statement per row, in process;
    /// PostgreSQL: one binary COPY, or one statement over arrays, instead of a round trip per row).
    /// </summary>
    /// <exception cref="DbException">The database refused the rows; nothing of them is visible outside the transaction.</exception>
    Task WriteRowsAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        IReadOnlyCollection<string?[]> rows, string? upsertKey, CancellationToken ct = default);
}
