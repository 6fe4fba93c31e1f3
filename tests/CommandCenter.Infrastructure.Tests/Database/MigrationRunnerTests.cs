using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Tests.Support;
using Dapper;

namespace CommandCenter.Infrastructure.Tests.Database;

public sealed class MigrationRunnerTests
{
    [Fact]
    public async Task MigrateAsync_RunTwice_AppliesEachVersionOnce()
    {
        await using var database = await TempDatabase.CreateAsync(migrate: false);

        var first = await database.Migrations().MigrateAsync();
        var second = await database.Migrations().MigrateAsync();

        Assert.Equal(MigrationRunner.Embedded.Select(m => m.Version), first);
        Assert.Empty(second);
        await using var connection = await database.Factory.OpenAsync();
        var recorded = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(MigrationRunner.Embedded.Select(m => (long)m.Version), recorded);
        Assert.Equal(5, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM counters"));
    }

    [Fact, Trait("Database", "SqliteOnly")]
    public async Task MigrateAsync_FreshDatabase_CreatesEveryTable()
    {
        await using var database = await TempDatabase.CreateAsync(DatabaseProvider.Sqlite);

        await using var connection = await database.Factory.OpenAsync();
        var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToHashSet();

        string[] expected =
        [
            "schema_migrations", "log_entries", "log_groups", "log_pending", "log_dead_letters",
            "incidents", "tickets", "whistles", "dispatches", "teams",
            "event_history", "rejections", "counters", "checkpoints",
        ];
        Assert.All(expected, table => Assert.Contains(table, tables));
    }

    [Fact]
    public void Embedded_Scripts_AreOrderedByVersionFromOne()
    {
        var versions = MigrationRunner.Embedded.Select(m => m.Version).ToList();

        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
        Assert.All(MigrationRunner.Embedded, m => Assert.DoesNotContain("{{", SqliteDialect.Instance.ExpandMigration(m.Script)));
    }

    [Fact, Trait("Database", "SqliteOnly")]
    public async Task OpenAsync_EveryConnection_UsesWalFullSyncAndBusyTimeout()
    {
        await using var database = await TempDatabase.CreateAsync(DatabaseProvider.Sqlite);

        await using var connection = await database.Factory.OpenAsync();

        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("PRAGMA synchronous"));
        Assert.Equal(5000, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
    }

    [Fact, Trait("Database", "SqliteOnly")]
    public async Task MigrateAsync_SchemaCurrentWhileAnotherProcessHoldsTheWriteLock_ReturnsAtOnceWithoutWaiting()
    {
        await using var database = await TempDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var holder = await database.Factory.OpenAsync();
        await using var writeLock = await holder.BeginTransactionAsync(); // BEGIN IMMEDIATE: the write lock
        await holder.ExecuteAsync("UPDATE counters SET value = value WHERE name = 'applied'", transaction: writeLock);

        // Taking the write lock here would wait out the busy timeout and throw "database is locked".
        var applied = await database.Migrations().MigrateAsync();

        Assert.Empty(applied);
    }
}
