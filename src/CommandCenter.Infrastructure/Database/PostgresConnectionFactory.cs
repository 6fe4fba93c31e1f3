using System.Data.Common;
using Npgsql;

namespace CommandCenter.Infrastructure.Database;

/// <summary>
/// PostgreSQL connections from one pooled <see cref="NpgsqlDataSource"/> per process. Durability is the server's
/// (<c>synchronous_commit = on</c>, its default: a committed transaction is on disk). Connection strings are Npgsql's
/// (<c>Host=…;Port=5432;Database=commandcenter;Username=…;Password=…</c>).
/// </summary>
public sealed class PostgresConnectionFactory : IDbConnectionFactory, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresConnectionFactory(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Named in pg_stat_activity, so an operator can tell our sessions apart.
        if (string.IsNullOrEmpty(builder.ApplicationName))
            builder.ApplicationName = "commandcenter";
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public ISqlDialect Dialect => PostgresDialect.Instance;

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default) => await _dataSource.OpenConnectionAsync(ct);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
