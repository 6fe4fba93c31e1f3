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
    /// <summary>
    /// How long the server lets one of our sessions sit idle inside a transaction before it ends the session (PostgreSQL's
    /// <c>idle_in_transaction_session_timeout</c>). Our transactions never wait on anything between statements, so a
    /// session idle that long belongs to a process that froze mid-commit (a stopped process, a stalled VM): ending it
    /// releases its row lock on the checkpoint, which the next projector needs to claim its fence (decision 0009), and
    /// the frozen process's commit fails when it resumes. Above the projector lease's 6 s, so a leader is deposed by
    /// the lease first. An <c>Options</c> entry in the connection string that sets the parameter wins.
    /// </summary>
    public static readonly TimeSpan IdleInTransactionLimit = TimeSpan.FromSeconds(10);

    private readonly NpgsqlDataSource _dataSource;

    public PostgresConnectionFactory(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Named in pg_stat_activity, so an operator can tell our sessions apart.
        if (string.IsNullOrEmpty(builder.ApplicationName))
            builder.ApplicationName = "commandcenter";
        if (builder.Options?.Contains("idle_in_transaction_session_timeout", StringComparison.Ordinal) != true)
            builder.Options = $"{builder.Options} -c idle_in_transaction_session_timeout={(int)IdleInTransactionLimit.TotalMilliseconds}".Trim();
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public ISqlDialect Dialect => PostgresDialect.Instance;

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default) => await _dataSource.OpenConnectionAsync(ct);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
