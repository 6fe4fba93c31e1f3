using CommandCenter.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommandCenter.Infrastructure.Tests.Support;

/// <summary>
/// A real database of its own for one test or class: a SQLite file in a temporary folder (the default), or, when
/// <c>CC_TEST_DATABASE=postgres</c>, a fresh database on the PostgreSQL server named by <c>CC_TEST_POSTGRES</c>
/// (tests/run.sh starts one and runs these suites a second time that way). Deleted on dispose.
/// </summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private TempDatabase(string folder, DatabaseProvider provider, string connectionString, string? postgresName)
    {
        Folder = folder;
        Provider = provider;
        ConnectionString = connectionString;
        PostgresName = postgresName;
        Factory = provider == DatabaseProvider.Postgres ? new PostgresConnectionFactory(connectionString) : new SqliteConnectionFactory(connectionString);
    }

    /// <summary>The provider these suites run on: <c>CC_TEST_DATABASE</c> (sqlite, the default, or postgres).</summary>
    public static DatabaseProvider TestProvider =>
        Environment.GetEnvironmentVariable("CC_TEST_DATABASE") is { } name && name.Equals("postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    /// <summary>A temporary folder of the test's own (the SQLite file lives there).</summary>
    public string Folder { get; }
    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public IDbConnectionFactory Factory { get; }

    /// <summary>The PostgreSQL database's name; null on SQLite.</summary>
    public string? PostgresName { get; }

    public static Task<TempDatabase> CreateAsync(bool migrate = true) => CreateAsync(TestProvider, migrate);

    public static async Task<TempDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cc-infra-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        TempDatabase database;
        if (provider == DatabaseProvider.Postgres)
        {
            var name = $"cc_test_{Guid.NewGuid():N}";
            await using (var admin = await PostgresServer.OpenAdminAsync())
            await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin))
                await create.ExecuteNonQueryAsync();
            database = new TempDatabase(folder, provider, PostgresServer.ConnectionStringFor(name), name);
        }
        else
        {
            database = new TempDatabase(folder, provider, $"Data Source={Path.Combine(folder, "commandcenter.db")}", null);
        }
        if (migrate)
            await database.Migrations().MigrateAsync();
        return database;
    }

    public MigrationRunner Migrations() => new(Factory, NullLogger<MigrationRunner>.Instance);

    public async ValueTask DisposeAsync()
    {
        if (Factory is PostgresConnectionFactory postgres)
        {
            await postgres.DisposeAsync();
            await using var admin = await PostgresServer.OpenAdminAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {PostgresName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            using var connection = new SqliteConnection(ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>
/// The real PostgreSQL server tests/run.sh starts on a free port and names in <c>CC_TEST_POSTGRES</c> (a superuser's
/// connection string). No fallback and no skip: without it the PostgreSQL tests fail and say how to run them.
/// </summary>
public static class PostgresServer
{
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("CC_TEST_POSTGRES") is { Length: > 0 } text
            ? text
            : throw new InvalidOperationException("CC_TEST_POSTGRES is not set: the PostgreSQL tests need a real server. Run tests/run.sh, which starts one.");

    /// <summary>The connection string of database <paramref name="name"/> on the test server, with a small pool.</summary>
    public static string ConnectionStringFor(string name) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, MaxPoolSize = 20 }.ConnectionString;

    public static async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
