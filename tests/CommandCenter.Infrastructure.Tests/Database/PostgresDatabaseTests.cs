using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Tests.Support;
using Dapper;

namespace CommandCenter.Infrastructure.Tests.Database;

/// <summary>
/// What only PostgreSQL has to get right behind the dialect seam (docs/decisions/0011): the schema it migrates to,
/// keys that never come back, migrations that serialize across instances, bulk writes inside the caller's
/// transaction, and reads of one snapshot. Always on PostgreSQL (CC_TEST_POSTGRES), whatever CC_TEST_DATABASE says.
/// </summary>
public sealed class PostgresDatabaseTests : IAsyncLifetime
{
    private TempDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TempDatabase.CreateAsync(DatabaseProvider.Postgres);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task MigrateAsync_FreshDatabase_CreatesEveryTableWithIdentityKeysAndBinarySnapshots()
    {
        await using var connection = await _database.Factory.OpenAsync();

        var tables = (await connection.QueryAsync<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).ToHashSet();
        var identities = (await connection.QueryAsync<string>(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES' AND column_name = 'seq'")).ToHashSet();
        var bodyType = await connection.ExecuteScalarAsync<string>(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'state_snapshots' AND column_name = 'body'");

        string[] expected =
        [
            "schema_migrations", "log_entries", "log_groups", "log_pending", "log_dead_letters", "incidents", "tickets", "whistles",
            "dispatches", "teams", "event_history", "rejections", "counters", "checkpoints", "state_snapshots", "leases", "users",
            "security_audit", "data_protection_keys",
        ];
        Assert.All(expected, table => Assert.Contains(table, tables));
        Assert.Equal(["event_history", "log_dead_letters", "log_entries", "rejections", "security_audit", "state_snapshots"], identities.Order());
        Assert.Equal("bytea", bodyType);
    }

    [Fact]
    public async Task OpenAsync_AnySession_IsEndedByTheServerWhenIdleInATransactionPastTheLimit()
    {
        await using var connection = await _database.Factory.OpenAsync();

        var limit = await connection.ExecuteScalarAsync<string>("SHOW idle_in_transaction_session_timeout");

        Assert.Equal($"{(int)PostgresConnectionFactory.IdleInTransactionLimit.TotalSeconds}s", limit);
    }

    [Fact]
    public async Task ClaimingTheCheckpoint_WhileAFrozenSessionHoldsItsRowLock_SucceedsOnceTheServerEndsThatSession()
    {
        // A frozen projector mid-commit: its transaction holds the checkpoint row and says nothing more. A short limit
        // here (the connection string's own Options win) keeps the test quick; the default is IdleInTransactionLimit.
        var quick = new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer.ConnectionStringFor(_database.PostgresName!))
            { Options = "-c idle_in_transaction_session_timeout=1000" }.ConnectionString;
        await using var frozenFactory = new PostgresConnectionFactory(quick);
        await using var frozen = await frozenFactory.OpenAsync();
        await using var held = await frozen.BeginTransactionAsync();
        await frozen.ExecuteAsync("UPDATE checkpoints SET fence = fence + 1 WHERE name = 'projector'", transaction: held);

        await using var next = await _database.Factory.OpenAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var claimed = await next.ExecuteAsync("UPDATE checkpoints SET fence = fence + 1 WHERE name = 'projector'");

        Assert.Equal(1, claimed);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30));
        await Assert.ThrowsAnyAsync<Exception>(() => held.CommitAsync()); // the frozen session is gone: its commit fails
    }

    [Fact]
    public async Task Identity_NewestRowsDeleted_NeverHandsTheirValuesOutAgain()
    {
        await using var connection = await _database.Factory.OpenAsync();
        const string insert = "INSERT INTO log_entries (fields, appended_at) VALUES ('{}', 0) RETURNING seq";
        await connection.ExecuteScalarAsync<long>(insert);
        var second = await connection.ExecuteScalarAsync<long>(insert);

        await connection.ExecuteAsync("DELETE FROM log_entries");
        var third = await connection.ExecuteScalarAsync<long>(insert);

        Assert.True(third > second, $"{third} after {second}");
    }

    [Fact]
    public async Task MigrateAsync_SeveralInstancesAtOnce_ApplyEachVersionOnce()
    {
        await using var fresh = await TempDatabase.CreateAsync(DatabaseProvider.Postgres, migrate: false);

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => fresh.Migrations().MigrateAsync())));

        Assert.Equal(MigrationRunner.Embedded.Select(m => m.Version), runs.SelectMany(applied => applied).Order());
        await using var connection = await fresh.Factory.OpenAsync();
        Assert.Equal(MigrationRunner.Embedded.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task WriteRowsAsync_AppendAndUpsertInOneTransaction_AllOrNothing()
    {
        var dialect = _database.Factory.Dialect;
        string[] columns = ["id", "street", "status", "body", "last_event_id"];
        await using (var connection = await _database.Factory.OpenAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await dialect.WriteRowsAsync(connection, tx, "tickets", columns, [["t1", "ninghailu", "open", "{}", "e1"], ["t2", "ninghailu", "open", "{}", "e2"]], "id");
            await dialect.WriteRowsAsync(connection, tx, "tickets", columns, [["t1", "ninghailu", "closed", "{\"x\":1}", "e3"]], "id");
            await dialect.WriteRowsAsync(connection, tx, "rejections", ["log_position", "envelope_id", "type", "street", "occurred_at", "reason"],
                [["0-1", "e4", "ticket.closed", "ninghailu", "t", "不存在 ‘quoted’ \\ \t tab"]], upsertKey: null);
            await tx.CommitAsync();
        }
        await using (var connection = await _database.Factory.OpenAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await dialect.WriteRowsAsync(connection, tx, "rejections", ["log_position", "envelope_id", "type", "street", "occurred_at", "reason"],
                [["0-2", "e5", "ticket.closed", "ninghailu", "t", "rolled back"]], upsertKey: null);
            await tx.RollbackAsync();
        }

        await using var check = await _database.Factory.OpenAsync();
        var tickets = (await check.QueryAsync<(string Id, string Status, string Body, string LastEventId)>(
            "SELECT id, status, body, last_event_id FROM tickets ORDER BY id")).ToList();
        Assert.Equal([("t1", "closed", "{\"x\":1}", "e3"), ("t2", "open", "{}", "e2")], tickets);
        Assert.Equal(["不存在 ‘quoted’ \\ \t tab"], await check.QueryAsync<string>("SELECT reason FROM rejections"));
    }

    [Fact]
    public async Task SnapshotRead_ACommitMeanwhile_IsNotSeenBeforeTheTransactionEnds()
    {
        await using var reader = await _database.Factory.OpenAsync();
        await using var tx = await reader.BeginTransactionAsync(_database.Factory.Dialect.SnapshotRead);
        var before = await reader.ExecuteScalarAsync<long>("SELECT value FROM counters WHERE name = 'applied'", transaction: tx);

        await using (var writer = await _database.Factory.OpenAsync())
            await writer.ExecuteAsync("UPDATE counters SET value = value + 5 WHERE name = 'applied'");

        Assert.Equal(before, await reader.ExecuteScalarAsync<long>("SELECT value FROM counters WHERE name = 'applied'", transaction: tx));
    }
}
