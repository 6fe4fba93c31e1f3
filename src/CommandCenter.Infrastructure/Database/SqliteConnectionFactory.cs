using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CommandCenter.Infrastructure.Database;

/// <summary>
/// SQLite connections with the durability settings the pipeline relies on, applied on every open
/// (pooled connections included): WAL so readers never block the writer, FULL sync so a committed
/// transaction survives power loss, and a busy timeout so concurrent writers queue instead of failing.
/// </summary>
public sealed class SqliteConnectionFactory : IDbConnectionFactory
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;";

    private readonly string _connectionString;

    public SqliteConnectionFactory(string connectionString)
    {
        _connectionString = connectionString;
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = dataSource is "" or ":memory:" ? null : Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
    }

    public ISqlDialect Dialect => SqliteDialect.Instance;

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
